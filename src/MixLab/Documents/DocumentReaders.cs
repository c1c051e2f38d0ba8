namespace MixLab.Documents;

/// <summary>Picks the reader for one input found by <see cref="InputDiscovery"/> (DESIGN.md "Data contracts").</summary>
public static class DocumentReaders
{
    public static IDocumentReader Open(DocumentInput input, DocumentReaderOptions? options = null) => input.Kind switch
    {
        DocumentInputKind.Jsonl or DocumentInputKind.JsonlGzip or DocumentInputKind.JsonlZstd => new JsonlDocumentReader(input.Path, input.Kind, options),
        DocumentInputKind.Parquet => new ParquetDocumentReader(input.Path, options),
        DocumentInputKind.TextFolder => new TextFolderReader(input.Path, options),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input.Kind, "unknown input kind"),
    };
}
