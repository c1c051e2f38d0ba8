using MixLab.Curation;
using MixLab.Curation.Safety;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Safety;

public class SecretsStepTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A random-looking string: alphabet positions stepped by a stride coprime to the alphabet size.</summary>
    private static string Spread(int length, string alphabet = Alphabet, int stride = 17, int offset = 5) =>
        new(Enumerable.Range(0, length).Select(i => alphabet[(i * stride + offset) % alphabet.Length]).ToArray());

    private static string Redact(string text)
    {
        var d = new Document("d", text);
        Assert.Equal(StepResult.Kept, new SecretsStep().Process(d));
        return d.Text;
    }

    public static TheoryData<string> Tokens() => new()
    {
        "AKIAIOSFODNN7EXAMPLE",
        "ASIA" + Spread(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5, 3),
        "ghp_" + Spread(36),
        "gho_" + Spread(36, stride: 23),
        "github_pat_" + Spread(22) + "_" + Spread(59, stride: 29),
        "xoxb-1234567890-0987654321-" + Spread(24),
        "xoxp-" + Spread(30, stride: 29),
        "AIza" + Spread(35, stride: 13),
        "sk-" + Spread(48, stride: 19),
        "sk-proj-" + Spread(40, stride: 11),
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Prefixed_tokens_are_redacted(string token)
    {
        Assert.Equal("key: <SECRET> end", Redact($"key: {token} end"));
        Assert.Equal("token=\"<SECRET>\"", Redact($"token=\"{token}\""));
    }

    [Theory]
    [InlineData("AKIAAAAAAAAAAAAAAAAA")]
    [InlineData("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("sk-learn is a library")]
    [InlineData("task-manager and disk-usage")]
    [InlineData("sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("AIzaAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xoxb-0000000000")]
    public void Low_entropy_or_non_matching_strings_are_left(string text)
    {
        Assert.Equal(text, Redact(text));
    }

    [Fact]
    public void Private_key_block_is_replaced_whole()
    {
        string key = "-----BEGIN RSA PRIVATE KEY-----\n" + Spread(64) + "\n" + Spread(64, stride: 7) + "\n-----END RSA PRIVATE KEY-----";
        Assert.Equal("before\n<PRIVATE KEY>\nafter", Redact("before\n" + key + "\nafter"));
        string openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        Assert.Equal("<PRIVATE KEY>", Redact(openssh));
    }

    [Fact]
    public void Certificates_and_public_keys_are_left()
    {
        string cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----";
        Assert.Equal(cert, Redact(cert));
    }

    [Theory]
    [InlineData("api_key = \"{0}\"", "api_key = \"<SECRET>\"")]
    [InlineData("API_KEY='{0}'", "API_KEY='<SECRET>'")]
    [InlineData("\"apiKey\": \"{0}\",", "\"apiKey\": \"<SECRET>\",")]
    [InlineData("client_secret: {0}", "client_secret: <SECRET>")]
    [InlineData("export GITHUB_TOKEN={0}", "export GITHUB_TOKEN=<SECRET>")]
    [InlineData("db.password = \"{0}\"", "db.password = \"<SECRET>\"")]
    public void Generic_assignments_with_random_values_are_redacted(string template, string expected)
    {
        string value = Spread(24, stride: 37);
        Assert.Equal(expected, Redact(string.Format(template, value)));
    }

    [Theory]
    [InlineData("api_key = \"xxxxxxxxxxxxxxxxxxxxxxxx\"")]
    [InlineData("api_key = \"your-api-key-goes-here\"")]
    [InlineData("password: \"aaaaaaaaaaaaaaaa1111\"")]
    [InlineData("API_KEY = \"ABCABCABCABC123123123123\"")]
    [InlineData("token = \"short1A\"")]
    [InlineData("MAX_TOKENS = 4096")]
    [InlineData("name = \"Zx8Qp2Lm9Rt4Vb7Nc1Kd\"")]
    public void Placeholders_low_entropy_and_other_names_are_left(string text)
    {
        Assert.Equal(text, Redact(text));
    }

    [Fact]
    public void Drop_action_drops_with_reason_and_redact_annotates()
    {
        string text = "aws = AKIAIOSFODNN7EXAMPLE";
        var dropper = new SecretsStep(new SecretsOptions { Action = "drop" });
        Assert.Equal(StepResult.Drop("secret_found"), dropper.Process(new Document("a", text)));
        Assert.Equal(1, dropper.Stats["secrets_found"]);
        Assert.Equal(1, dropper.Stats["secrets_awsaccesskeyid"]);

        var d = new Document("b", text);
        new SecretsStep().Process(d);
        Assert.Equal(["secret-redaction"], d.Transformations);

        var clean = new Document("c", "nothing to see");
        Assert.Equal(StepResult.Kept, dropper.Process(clean));
        Assert.Empty(clean.Transformations);
    }

    [Fact]
    public void Bad_action_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SecretsStep(new SecretsOptions { Action = "delete" }));
    }

    [Fact]
    public void Entropy_matches_hand_values()
    {
        Assert.Equal(0.0, SecretScanner.Entropy("aaaa"));
        Assert.Equal(1.0, SecretScanner.Entropy("abab"), 12);
        Assert.Equal(2.0, SecretScanner.Entropy("abcd"), 12);
    }
}
