using MixLab.Curation.Dedup;
using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Global exact dedup in one pass, for a process that runs every input in index order (<see cref="CurationRunner"/>
/// without --rank): the first document with a hash, in (input, position) order, is kept and later ones are dropped as
/// "exact_duplicate", the decision the two-stage path takes with <see cref="DuplicateResolver"/> over all hash files.
/// Each document that reaches the step gets the same hash record as in stage one, so a later run with ranks can
/// resume from the inputs finished here.
/// </summary>
internal sealed class SeenSetDedupStep(HashSet<ulong> seen, Func<string, ulong> hashOf, HashRecordWriter hashes, int inputIndex) : IPipelineStep
{
    private long _ordinal;

    public string Name => CurationRunner.DedupStepName;

    public StepResult Process(Document document)
    {
        ulong hash = hashOf(document.Text);
        hashes.Write(new HashRecord(hash, inputIndex, _ordinal++));
        return seen.Add(hash) ? StepResult.Kept : StepResult.Drop("exact_duplicate");
    }
}
