using MixLab.Curation.Dedup;
using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Stage two of global exact dedup: walks an input's stage-one survivors in order alongside the hashes recorded in
/// stage one and drops every document whose hash was first seen at an earlier (input, position). The decision depends
/// only on input order, never on the task count.
/// </summary>
internal sealed class GlobalDedupStep(DuplicateTable duplicates, IEnumerator<HashRecord> hashes, int inputIndex) : IPipelineStep
{
    private long _ordinal;

    public string Name => CurationRunner.DedupStepName;

    public StepResult Process(Document document)
    {
        if (!hashes.MoveNext())
            throw new InvalidDataException($"dedup hash records end before document {_ordinal} of input {inputIndex}: the work folder is inconsistent; delete it and re-run");
        var record = hashes.Current;
        if (record.FileIndex != inputIndex || record.Line != _ordinal)
            throw new InvalidDataException($"dedup hash record {_ordinal} of input {inputIndex} is out of step with the work file; delete the work folder and re-run");
        _ordinal++;
        return duplicates.IsDuplicate(record.Hash, record.FileIndex, record.Line) ? StepResult.Drop("exact_duplicate") : StepResult.Kept;
    }
}
