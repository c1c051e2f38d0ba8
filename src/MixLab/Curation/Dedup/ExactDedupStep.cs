using MixLab.Documents;

namespace MixLab.Curation.Dedup;

/// <summary>
/// In-process exact dedup ("exact_dedup", reason "exact_duplicate") for library use and single-task runs: the first
/// document with a given <see cref="ExactDedupSignature"/> is kept, later ones are dropped. Fed in (file index, line)
/// order (what a single task reads), it makes the same decisions as the two-phase path
/// (<see cref="ExactDedupSignatureStep"/> + <see cref="DuplicateResolver"/> + <see cref="ExactDedupFilterStep"/>).
/// Memory: one 64-bit hash per distinct document.
/// </summary>
public sealed class ExactDedupStep : IPipelineStep
{
    private readonly ExactDedupOptions _options;
    private readonly HashSet<ulong> _seen = new();
    private readonly Dictionary<string, long> _stats = new() { ["distinct_hashes"] = 0 };

    public ExactDedupStep(ExactDedupOptions? options = null) => _options = options ?? new ExactDedupOptions();

    public string Name => "exact_dedup";

    public IReadOnlyDictionary<string, long> Stats => _stats;

    public StepResult Process(Document document)
    {
        if (_seen.Add(_options.HashOf(document.Text)))
        {
            _stats["distinct_hashes"] = _seen.Count;
            return StepResult.Kept;
        }
        return StepResult.Drop("exact_duplicate");
    }
}
