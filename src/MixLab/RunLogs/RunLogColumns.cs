namespace MixLab.RunLogs;

/// <summary>
/// The canonical column names of the run-log table (DESIGN.md "Run logs"): one row per measurement,
/// <c>run, params, tokens, step, eval_domain, loss</c>, one <c>mix.&lt;domain&gt;</c> column per training domain,
/// and optional <c>flops, active_params, experts, granularity</c>.
/// </summary>
public static class RunLogColumns
{
    public const string Run = "run";
    public const string Params = "params";
    public const string Tokens = "tokens";
    public const string Step = "step";
    public const string EvalDomain = "eval_domain";
    public const string Loss = "loss";
    public const string Flops = "flops";
    public const string ActiveParams = "active_params";
    public const string Experts = "experts";
    public const string Granularity = "granularity";

    /// <summary>Prefix of the mixture-proportion columns.</summary>
    public const string MixPrefix = "mix.";

    /// <summary>All fixed canonical names.</summary>
    public static IReadOnlyList<string> Known { get; } = [Run, Params, Tokens, Step, EvalDomain, Loss, Flops, ActiveParams, Experts, Granularity];
}
