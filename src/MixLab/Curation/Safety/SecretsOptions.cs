namespace MixLab.Curation.Safety;

/// <summary>
/// Options of the "secrets" step (curation spec §2.2: dolma's code_secrets tagger, here as fixed patterns plus an
/// entropy check instead of detect-secrets).
/// </summary>
public sealed class SecretsOptions
{
    /// <summary>What to do with a document that contains a secret: "redact" (default) or "drop" (reason "secret_found").</summary>
    public string Action { get; init; } = "redact";

    /// <summary>Replacement of tokens, keys and generic secret values.</summary>
    public string SecretReplacement { get; init; } = "<SECRET>";

    /// <summary>Replacement of a whole "-----BEGIN ... PRIVATE KEY-----" block.</summary>
    public string PrivateKeyReplacement { get; init; } = "<PRIVATE KEY>";

    /// <summary>Minimum Shannon entropy (bits per character) of the random part of a prefixed token (AKIA..., ghp_...).</summary>
    public double MinTokenEntropy { get; init; } = 3.0;

    /// <summary>Minimum entropy of a generic "api_key = '...'" value; it also needs two of lower/upper/digit.</summary>
    public double MinGenericEntropy { get; init; } = 3.5;

    /// <summary>Minimum length of a generic secret value.</summary>
    public int MinGenericLength { get; init; } = 16;
}
