using MixLab.Documents;

namespace MixLab.Curation;

/// <summary>
/// One block of a curation pipeline (the datatrove model): it sees each document once, in input order, and keeps it
/// (possibly after changing its text, metadata or licence) or drops it with a short reason code such as
/// "gopher_short_doc". Steps may keep state across documents of one task (exact dedup); they are not shared across
/// threads. Counters returned by <see cref="Stats"/> are merged into stats.json.
/// </summary>
public interface IPipelineStep
{
    /// <summary>Stable step name, used for the exclusion folder (excluded/&lt;name&gt;/) and in stats.json.</summary>
    string Name { get; }

    StepResult Process(Document document);

    /// <summary>Extra counters of this step beyond kept/dropped per reason (e.g. "emails_redacted"); may be empty.</summary>
    IReadOnlyDictionary<string, long> Stats => EmptyStats;

    private static readonly IReadOnlyDictionary<string, long> EmptyStats = new Dictionary<string, long>();
}

/// <summary>What a step decided for one document: keep, or drop with a reason code.</summary>
public readonly record struct StepResult(bool Keep, string? Reason)
{
    public static readonly StepResult Kept = new(true, null);

    public static StepResult Drop(string reason) => new(false, reason);
}
