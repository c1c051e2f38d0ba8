using System.Net;
using MixLab.Curation;
using MixLab.Curation.Safety;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Safety;

public class PiiRedactionTests
{
    private static string Redact(string text) => new PiiRedactionStep().Redact(text) ?? text;

    [Fact]
    public void Emails_are_replaced_round_robin_and_trailing_punctuation_kept()
    {
        Assert.Equal("Contact email@example.com or firstname.lastname@example.org. Then email@example.com!",
            Redact("Contact john.doe@mail.co.uk or jane+news@corp.io. Then x_y-z@sub.domain.org!"));
    }

    [Theory]
    [InlineData("user@localhost is local")]
    [InlineData("write to info@example.com or a@b.example.org")]
    [InlineData("decorators like @property and a@b")]
    [InlineData("price is 5 @ 10.5")]
    public void Non_addresses_and_example_domains_are_left(string text)
    {
        Assert.Null(new PiiRedactionStep().Redact(text));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("93.184.216.34")]
    public void Public_ipv4_is_replaced(string ip)
    {
        Assert.Equal("server 192.0.2.1 is up", Redact($"server {ip} is up"));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.10.20")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("192.0.2.55")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.251")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    public void Special_purpose_ipv4_is_left(string ip)
    {
        Assert.Null(new PiiRedactionStep().Redact($"server {ip} is up"));
    }

    [Theory]
    [InlineData("version 1.2.3.4.5 here")]
    [InlineData("v8.8.8.8 build")]
    [InlineData("octets 256.1.1.1 bad")]
    [InlineData("Version 1.2.3.4 released")]
    [InlineData("build: 4.2.0.1")]
    [InlineData("ver. 5.6.7.8")]
    public void Non_ipv4_numbers_are_left(string text)
    {
        Assert.Null(new PiiRedactionStep().Redact(text));
    }

    [Fact]
    public void Ports_stay_after_a_replaced_address()
    {
        Assert.Equal("dns 192.0.2.1:53 and [2001:db8::1]:443", Redact("dns 8.8.8.8:53 and [2606:4700::1111]:443"));
    }

    [Fact]
    public void Six_documentation_ips_rotate()
    {
        string text = string.Join(' ', Enumerable.Range(1, 7).Select(i => $"8.8.8.{i}"));
        Assert.Equal("192.0.2.1 192.0.2.2 198.51.100.1 198.51.100.2 203.0.113.1 203.0.113.2 192.0.2.1", Redact(text));
    }

    [Theory]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("2001:4860:4860:0:0:0:0:8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_ipv6_is_replaced(string ip)
    {
        Assert.Equal("dns [2001:db8::1] ok", Redact($"dns [{ip}] ok"));
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1ff:fe23:4567:890a")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:192.168.0.1")]
    public void Special_purpose_ipv6_is_left(string ip)
    {
        Assert.Null(new PiiRedactionStep().Redact($"dns [{ip}] ok"));
    }

    [Theory]
    [InlineData("std::vector<int> v;")]
    [InlineData("at 12:30:45 today")]
    [InlineData("mac 00:1a:2b:3c:4d:5e here")]
    [InlineData("Foo::Bar::Baz")]
    public void Colon_text_that_is_no_ipv6_is_left(string text)
    {
        Assert.Null(new PiiRedactionStep().Redact(text));
    }

    [Theory]
    [InlineData("+1 202-555-0173")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+49 30 901820")]
    [InlineData("(555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("555.123.4567")]
    [InlineData("555 123 4567")]
    [InlineData("020 7946 0958")]
    [InlineData("01 23 45 67 89")]
    [InlineData("1-800-555-0199")]
    [InlineData("+1 (555) 123-4567")]
    public void Phone_numbers_are_replaced(string phone)
    {
        Assert.Equal("Call <PHONE> now.", Redact($"Call {phone} now."));
        Assert.Equal("Tel:<PHONE>", Redact($"Tel:{phone}"));
    }

    [Theory]
    [InlineData("on 2024-01-15 at noon")]
    [InlineData("on 15.01.2024 at noon")]
    [InlineData("2024-01-15 10:30 log line")]
    [InlineData("version 10.0.19041.1234")]
    [InlineData("ISBN 978-3-16-148410-0")]
    [InlineData("ISBN 0-306-40615-2")]
    [InlineData("ISBN 0306 406152")]
    [InlineData("id 1234567890 row")]
    [InlineData("pi is 3.14159265358979")]
    [InlineData("from 1990 to 2000")]
    [InlineData("private 192.168.100.100 host")]
    [InlineData("total 1,234,567,890 units")]
    public void Dates_versions_isbns_and_plain_numbers_are_not_phones(string text)
    {
        Assert.Null(new PiiRedactionStep().Redact(text));
    }

    [Fact]
    public void Step_annotates_counts_and_never_drops()
    {
        var step = new PiiRedactionStep();
        var d = new Document("d", "a@b.com c@d.net 8.8.4.4 2606:4700::1 +1 202-555-0173 and 10.0.0.1");
        Assert.Equal(StepResult.Kept, step.Process(d));
        Assert.Equal(["pii-redaction"], d.Transformations);
        Assert.Equal("email@example.com firstname.lastname@example.org 192.0.2.1 2001:db8::1 <PHONE> and 10.0.0.1", d.Text);
        Assert.Equal(2, step.Stats["emails_redacted"]);
        Assert.Equal(1, step.Stats["ipv4_redacted"]);
        Assert.Equal(1, step.Stats["ipv6_redacted"]);
        Assert.Equal(1, step.Stats["phones_redacted"]);

        var clean = new Document("e", "nothing personal here");
        Assert.Equal(StepResult.Kept, step.Process(clean));
        Assert.Empty(clean.Transformations);
    }

    [Fact]
    public void Redaction_is_idempotent()
    {
        string once = Redact("mail bob@corp.io from 8.8.8.8 or 2606:4700::1111, call +44 20 7946 0958");
        Assert.NotEqual("mail bob@corp.io from 8.8.8.8 or 2606:4700::1111, call +44 20 7946 0958", once);
        Assert.Null(new PiiRedactionStep().Redact(once));
    }

    [Fact]
    public void Public_ip_rule_agrees_with_ipaddress_on_replacements()
    {
        foreach (var ip in new PiiOptions().IPv4Replacements.Concat(new PiiOptions().IPv6Replacements))
            Assert.False(PublicIp.IsPublic(IPAddress.Parse(ip)));
    }
}
