using System.Text;
using MixLab.Documents;

namespace MixLab.Curation.Safety;

/// <summary>
/// The "secrets" pipeline step (curation spec §2.2 code_secrets): replaces secrets found by
/// <see cref="SecretScanner"/> with "&lt;SECRET&gt;" / "&lt;PRIVATE KEY&gt;" and appends "secret-redaction" to the
/// transformations, or, with <see cref="SecretsOptions.Action"/> = "drop", drops the document with reason
/// "secret_found". Stats: "secrets_found" and one "secrets_&lt;kind&gt;" counter per kind.
/// </summary>
public sealed class SecretsStep : IPipelineStep
{
    /// <summary>The transformation name appended to <see cref="Document.Transformations"/>.</summary>
    public const string Transformation = "secret-redaction";

    private readonly SecretsOptions _options;
    private readonly SecretScanner _scanner;
    private readonly bool _drop;
    private readonly Dictionary<string, long> _stats = new() { ["secrets_found"] = 0 };

    public SecretsStep(SecretsOptions? options = null)
    {
        _options = options ?? new SecretsOptions();
        _drop = _options.Action.ToLowerInvariant() switch
        {
            "redact" => false,
            "drop" => true,
            _ => throw new ArgumentException($"secrets: action must be \"redact\" or \"drop\", not \"{_options.Action}\""),
        };
        _scanner = new SecretScanner(_options);
    }

    public string Name => "secrets";

    public IReadOnlyDictionary<string, long> Stats => _stats;

    public StepResult Process(Document document)
    {
        var matches = _scanner.Scan(document.Text);
        if (matches.Count == 0) return StepResult.Kept;
        _stats["secrets_found"] += matches.Count;
        foreach (var m in matches)
        {
            string key = "secrets_" + m.Kind.ToString().ToLowerInvariant();
            _stats[key] = _stats.GetValueOrDefault(key) + 1;
        }
        if (_drop) return StepResult.Drop("secret_found");
        var text = document.Text;
        var sb = new StringBuilder(text.Length);
        int last = 0;
        foreach (var m in matches)
        {
            sb.Append(text, last, m.Start - last);
            sb.Append(m.Kind == SecretKind.PrivateKey ? _options.PrivateKeyReplacement : _options.SecretReplacement);
            last = m.Start + m.Length;
        }
        sb.Append(text, last, text.Length - last);
        document.Text = sb.ToString();
        document.Transformations.Add(Transformation);
        return StepResult.Kept;
    }
}
