namespace MixLab.Curation.Safety;

/// <summary>Kinds of personal data the "pii" step redacts (curation spec §2.1, §2.2).</summary>
public enum PiiKind
{
    Email,
    IPv4,
    IPv6,
    Phone,
}

/// <summary>One span found by <see cref="PiiScanner"/>: where, what, and whether it is to be replaced (a private IP
/// is found, so that no other rule claims it, but is left as it is).</summary>
public readonly record struct PiiMatch(int Start, int Length, PiiKind Kind, bool Replace);
