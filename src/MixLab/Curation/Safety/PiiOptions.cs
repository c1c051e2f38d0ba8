using System.Text.Json.Serialization;

namespace MixLab.Curation.Safety;

/// <summary>
/// Options of the "pii" step (curation spec §2.1 datatrove PIIFormatter, §2.2 dolma pii_regex). Replacements are
/// deterministic: the n-th match of a kind in a document gets entry n mod count of its list (datatrove's
/// round-robin, restarted per document so that results do not depend on task count). Replacement addresses are
/// reserved example/documentation values (RFC 2606 example domains, RFC 5737 TEST-NET IPv4, RFC 3849 IPv6) which
/// the scanner itself leaves alone, so the step is idempotent.
/// </summary>
public sealed class PiiOptions
{
    public bool RedactEmails { get; init; } = true;

    [JsonPropertyName("redact_ipv4")]
    public bool RedactIPv4 { get; init; } = true;

    [JsonPropertyName("redact_ipv6")]
    public bool RedactIPv6 { get; init; } = true;

    public bool RedactPhones { get; init; } = true;

    /// <summary>Only globally routable IPs are replaced (datatrove's default); see <see cref="PublicIp"/>.</summary>
    public bool OnlyPublicIps { get; init; } = true;

    /// <summary>Addresses at example.com/.org/.net (and their subdomains) are left alone.</summary>
    public bool KeepExampleDomains { get; init; } = true;

    public IReadOnlyList<string> EmailReplacements { get; init; } = ["email@example.com", "firstname.lastname@example.org"];

    [JsonPropertyName("ipv4_replacements")]
    public IReadOnlyList<string> IPv4Replacements { get; init; } =
        ["192.0.2.1", "192.0.2.2", "198.51.100.1", "198.51.100.2", "203.0.113.1", "203.0.113.2"];

    [JsonPropertyName("ipv6_replacements")]
    public IReadOnlyList<string> IPv6Replacements { get; init; } = ["2001:db8::1", "2001:db8::2"];

    public string PhoneReplacement { get; init; } = "<PHONE>";
}
