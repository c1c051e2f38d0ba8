using MixLab.Curation;
using MixLab.Curation.Quality;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Quality;

/// <summary>
/// The line and paragraph tables of the Gopher repetition filter are reused across documents (curation spec §0.1). A
/// table that grew while filling reallocated its slots for every document with many lines (15.7 MB per call for the
/// document below, mostly on the large-object heap, so every few documents cost a full collection). A document seen
/// a second time must now cost (almost) no allocation. (FineWeb had the same fault and the same fix; its test would
/// measure the JIT instead: before tier-up, PyText.Len allocates 96 bytes per call in unoptimised code.)
/// </summary>
public sealed class FilterAllocationTests
{
    private static string ManyLines(int lines) =>
        string.Join("\n", Enumerable.Range(0, lines).Select(i => $"Line {i} of a long list, with words in it."));

    private static long AllocatedByRepeat(IPipelineStep step, Document doc)
    {
        step.Process(doc); // warm-up: tables reach their size, methods are compiled
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++) step.Process(doc);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Gopher_repetition_reuses_its_tables_for_a_document_with_thousands_of_lines()
    {
        var doc = new Document("d", ManyLines(20_000));
        long bytes = AllocatedByRepeat(new GopherRepetitionFilter(), doc);
        Assert.True(bytes < 16_384, $"{bytes} bytes allocated");
    }
}
