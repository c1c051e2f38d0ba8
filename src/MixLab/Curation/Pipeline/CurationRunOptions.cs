namespace MixLab.Curation.Pipeline;

/// <summary>
/// What to run: inputs (files or folders), output folder, configuration, and the datatrove-style split into
/// <see cref="Tasks"/> tasks of which this process runs <see cref="Rank"/> (null: all of them, one after another).
/// </summary>
public sealed record CurationRunOptions(IReadOnlyList<string> Inputs, string OutputDirectory, PipelineConfig Config)
{
    public int Tasks { get; init; } = 1;
    public int? Rank { get; init; }
    public CurationStage Stage { get; init; } = CurationStage.All;

    /// <summary>Longest accepted document line in bytes; longer records are rejected without being buffered whole.</summary>
    public int MaxDocumentBytes { get; init; } = 64 << 20;

    /// <summary>How long a task with <see cref="Rank"/> set waits for the other tasks to finish stage one.</summary>
    public TimeSpan BarrierTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Delete an existing run with another configuration instead of refusing to mix them.</summary>
    public bool Overwrite { get; init; }
}
