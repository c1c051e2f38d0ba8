using System.Text;
using MixLab.Documents;

namespace MixLab.Curation.Safety;

/// <summary>
/// The "pii" pipeline step: replaces e-mail addresses, public IPv4/IPv6 addresses and phone numbers found by
/// <see cref="PiiScanner"/> with the fixed replacements of <see cref="PiiOptions"/> (curation spec §2.1, §2.2). It
/// never drops a document; when it replaced something it appends "pii-redaction" to the document's
/// transformations. Stats: "emails_redacted", "ipv4_redacted", "ipv6_redacted", "phones_redacted".
/// </summary>
public sealed class PiiRedactionStep : IPipelineStep
{
    /// <summary>The transformation name appended to <see cref="Document.Transformations"/>.</summary>
    public const string Transformation = "pii-redaction";

    private readonly PiiOptions _options;
    private readonly PiiScanner _scanner;
    private readonly Dictionary<string, long> _stats = new()
    {
        ["emails_redacted"] = 0, ["ipv4_redacted"] = 0, ["ipv6_redacted"] = 0, ["phones_redacted"] = 0,
    };

    public PiiRedactionStep(PiiOptions? options = null)
    {
        _options = options ?? new PiiOptions();
        if (_options.EmailReplacements.Count == 0 || _options.IPv4Replacements.Count == 0 || _options.IPv6Replacements.Count == 0)
            throw new ArgumentException("pii: replacement lists must not be empty");
        _scanner = new PiiScanner(_options);
    }

    public string Name => "pii";

    public IReadOnlyDictionary<string, long> Stats => _stats;

    public StepResult Process(Document document)
    {
        string? redacted = Redact(document.Text);
        if (redacted is not null)
        {
            document.Text = redacted;
            document.Transformations.Add(Transformation);
        }
        return StepResult.Kept;
    }

    /// <summary>The redacted text, or null when nothing was replaced. Counts go to <see cref="Stats"/>.</summary>
    public string? Redact(string text)
    {
        var matches = _scanner.Scan(text);
        StringBuilder? sb = null;
        int last = 0, nEmail = 0, nV4 = 0, nV6 = 0, nPhone = 0;
        foreach (var m in matches)
        {
            if (!m.Replace) continue;
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, last, m.Start - last);
            switch (m.Kind)
            {
                case PiiKind.Email: sb.Append(_options.EmailReplacements[nEmail++ % _options.EmailReplacements.Count]); break;
                case PiiKind.IPv4: sb.Append(_options.IPv4Replacements[nV4++ % _options.IPv4Replacements.Count]); break;
                case PiiKind.IPv6: sb.Append(_options.IPv6Replacements[nV6++ % _options.IPv6Replacements.Count]); break;
                default: sb.Append(_options.PhoneReplacement); nPhone++; break;
            }
            last = m.Start + m.Length;
        }
        if (sb is null) return null;
        sb.Append(text, last, text.Length - last);
        _stats["emails_redacted"] += nEmail;
        _stats["ipv4_redacted"] += nV4;
        _stats["ipv6_redacted"] += nV6;
        _stats["phones_redacted"] += nPhone;
        return sb.ToString();
    }
}
