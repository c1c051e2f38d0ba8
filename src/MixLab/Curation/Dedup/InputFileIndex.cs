using MixLab.Documents;

namespace MixLab.Curation.Dedup;

/// <summary>
/// Maps a document's <see cref="DocumentOrigin"/> to its position in the run's whole input: the index of its file
/// in the run's input list (the same list, in the same order, for every task) and its line. Used by two-phase
/// exact dedup.
/// </summary>
public sealed class InputFileIndex
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public InputFileIndex(IReadOnlyList<string> inputFiles)
    {
        for (int i = 0; i < inputFiles.Count; i++)
            _index.TryAdd(inputFiles[i], i);
    }

    /// <summary>(file index, line) of the document; throws when it has no origin or its file is not an input.</summary>
    public (int FileIndex, long Line) PositionOf(Document document)
    {
        var o = document.Origin ?? throw new InvalidOperationException($"exact dedup: document {document.Id} has no origin (file, line)");
        if (!_index.TryGetValue(o.File, out int i))
            throw new InvalidOperationException($"exact dedup: document {document.Id} comes from {o.File}, which is not in the run's input list");
        return (i, o.Line);
    }
}
