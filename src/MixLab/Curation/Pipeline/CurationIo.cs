using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>The document readers and writers a curation run uses, in one place (input discovery, reader options, shard sizes).</summary>
public static class CurationIo
{
    public static IReadOnlyList<DocumentInput> ExpandInputs(IEnumerable<string> paths) => InputDiscovery.Expand(paths);

    public static IDocumentReader OpenInput(DocumentInput input, int maxDocumentBytes) =>
        DocumentReaders.Open(input, new DocumentReaderOptions { MaxDocumentBytes = maxDocumentBytes });

    public static IDocumentWriter CreateWriter(DocumentOutputFormat format, string folder, string prefix, long maxShardBytes, int zstdLevel = 3) =>
        DocumentWriters.Create(format, folder, prefix, new DocumentWriterOptions { MaxShardBytes = maxShardBytes, ZstdLevel = zstdLevel });
}
