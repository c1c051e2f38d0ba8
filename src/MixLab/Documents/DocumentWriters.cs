namespace MixLab.Documents;

/// <summary>Creates the shard writer for an output format (DESIGN.md "Data contracts").</summary>
public static class DocumentWriters
{
    public static IDocumentWriter Create(DocumentOutputFormat format, string folder, string prefix, DocumentWriterOptions? options = null) =>
        format == DocumentOutputFormat.Parquet
            ? new ParquetDocumentWriter(folder, prefix, options)
            : new JsonlDocumentWriter(folder, prefix, format, options);

    /// <summary>Creates a writer from a format name ("jsonl", "jsonl.gz", "jsonl.zst", "parquet"); an unknown name is a
    /// configuration error (<see cref="ArgumentException"/> naming the accepted values).</summary>
    public static IDocumentWriter Create(string format, string folder, string prefix, DocumentWriterOptions? options = null) =>
        DocumentOutputFormats.TryParse(format, out var f)
            ? Create(f, folder, prefix, options)
            : throw new ArgumentException($"unknown output format '{format}' (expected jsonl, jsonl.gz, jsonl.zst or parquet)", nameof(format));
}
