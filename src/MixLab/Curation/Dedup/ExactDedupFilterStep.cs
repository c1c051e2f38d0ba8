using MixLab.Documents;

namespace MixLab.Curation.Dedup;

/// <summary>
/// Phase (c) of global exact dedup, under the same step name and reason as the single-task
/// <see cref="ExactDedupStep"/> ("exact_dedup", "exact_duplicate"): drops a document when the resolved
/// <see cref="DuplicateTable"/> says a copy exists at a smaller (file index, line).
/// </summary>
public sealed class ExactDedupFilterStep(DuplicateTable table, InputFileIndex files, ExactDedupOptions? options = null)
    : IPipelineStep
{
    private readonly ExactDedupOptions _options = options ?? new ExactDedupOptions();

    public string Name => "exact_dedup";

    public StepResult Process(Document document)
    {
        var (file, line) = files.PositionOf(document);
        return table.IsDuplicate(_options.HashOf(document.Text), file, line)
            ? StepResult.Drop("exact_duplicate")
            : StepResult.Kept;
    }
}
