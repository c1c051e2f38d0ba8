using System.Text.Json.Nodes;

namespace MixLab.Documents;

/// <summary>
/// One document of a corpus, in the datatrove/dolma shape (DESIGN.md "Data contracts"): <c>id</c>, <c>text</c>,
/// <c>source</c>, <c>metadata</c>, plus MixLab's per-document <c>license</c> record. Pipeline steps may change the
/// text (redaction, C4's line rewrite) and add metadata; every change is named in <see cref="Transformations"/>.
/// </summary>
public sealed class Document
{
    public Document(string id, string text)
    {
        Id = id;
        Text = text;
    }

    /// <summary>The document's id (from the input, or "file:line" when the input has none).</summary>
    public string Id { get; set; }

    public string Text { get; set; }

    /// <summary>Source dataset name (e.g. "debian/python3.11-doc"), or null when the input does not say.</summary>
    public string? Source { get; set; }

    /// <summary>Free-form metadata as read (url, upstream licence fields, ...) plus what steps add.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The licence decision with its evidence; null until the licensing step has run (or the input had one).</summary>
    public LicenseRecord? License { get; set; }

    /// <summary>Names of the steps that changed the text, in order (e.g. "pii-redaction", "c4-line-rewrite").</summary>
    public List<string> Transformations { get; } = new();

    /// <summary>Where the document was read from: input path and 1-based line (or row) number. Not written to output.</summary>
    public DocumentOrigin? Origin { get; set; }

    /// <summary>UTF-16 length of the text; steps use it for char fractions.</summary>
    public int Length => Text.Length;
}

/// <summary>Input file and 1-based line or row a document came from, for error messages and rejects.</summary>
public sealed record DocumentOrigin(string File, long Line);
