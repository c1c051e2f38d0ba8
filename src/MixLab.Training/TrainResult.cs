using MixLab.OnlineMixing;

namespace MixLab.Training;

/// <summary>A progress report after each optimizer step (the CLI throttles what it shows).</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">The run's budget S.</param>
/// <param name="Tokens">Training tokens seen.</param>
/// <param name="TokensPerSecond">Throughput of this process so far.</param>
/// <param name="TrainLoss">Mean training loss of the last step (NaN when skipped).</param>
/// <param name="ValidationLoss">Mean per-domain validation loss of the last evaluation, if any.</param>
/// <param name="Proportions">The policy's current proportions.</param>
public sealed record TrainProgress(long Step, long TotalSteps, long Tokens, double TokensPerSecond, double TrainLoss, double? ValidationLoss, IReadOnlyList<double> Proportions);

/// <summary>One domain's line of the final summary.</summary>
public sealed record DomainSummary(string Domain, long TrainedTokens, double FinalProportion, double ValidationLoss, double? TestLoss);

/// <summary>What a training run produced (also written as <c>summary.json</c>).</summary>
public sealed record TrainResult(
    string Run,
    string Policy,
    long Steps,
    long Tokens,
    long Parameters,
    long ActiveParameters,
    double Seconds,
    double TokensPerSecond,
    IReadOnlyList<DomainSummary> Domains,
    IReadOnlyList<string> Warnings,
    long SkippedSteps,
    MixingCost Cost,
    string RunLogPath,
    string ProportionsPath,
    string CheckpointPath,
    long ResumedFromStep);

/// <summary>How to run a <see cref="Trainer"/>.</summary>
public sealed class TrainerOptions
{
    /// <summary>Continue from <c>OUT/checkpoint</c> (an error when there is none or it belongs to another config).</summary>
    public bool Resume { get; init; }
    /// <summary>Receives a report after every step.</summary>
    public IProgress<TrainProgress>? Progress { get; init; }
    /// <summary>Receives each warning as it happens (non-finite losses, renormalised proportions, ...).</summary>
    public Action<string>? Warn { get; init; }
    /// <summary>Test hook: when it returns true for a step, that step's loss is replaced by NaN.</summary>
    internal Func<long, bool>? InjectNonFiniteLoss { get; init; }
    /// <summary>Test hook: stop (as if killed) after this many steps of this process, without the final outputs.</summary>
    internal long? StopAfterSteps { get; init; }
}
