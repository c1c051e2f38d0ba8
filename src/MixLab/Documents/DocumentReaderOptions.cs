namespace MixLab.Documents;

/// <summary>
/// Options of the document readers (curation spec §0.1 item 6: bounded memory per document). Bound from config with
/// snake_case names (<c>max_document_bytes</c>, <c>raw_preview_bytes</c>).
/// </summary>
public sealed class DocumentReaderOptions
{
    /// <summary>Largest record accepted, in bytes: a JSONL line including its newline, or a whole text file. A longer
    /// record is skipped while streaming (never buffered whole) and rejected. Default 64 MiB.</summary>
    public int MaxDocumentBytes { get; init; } = 64 << 20;

    /// <summary>How many leading bytes of a rejected record are kept as its <c>raw</c> field. Default 1 KiB.</summary>
    public int RawPreviewBytes { get; init; } = 1024;
}
