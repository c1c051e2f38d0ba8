using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>One input of a run: its position in the ordered input list (which decides task assignment, output names
/// and dedup precedence), what it is, and its size in bytes.</summary>
public sealed record CurationInput(int Index, DocumentInput Input, long Bytes)
{
    public string Path => Input.Path;

    public string Stem => OutputLayout.Stem(Index, Input.Path);

    /// <summary>datatrove's file sharding: task r of N takes inputs r, r + N, r + 2N, ...</summary>
    public int TaskOf(int tasks) => Index % tasks;
}
