using MixLab.Laws;
using MixLab.Planning.Cmr;
using MixLab.Reporting;
using MixLab.RunLogs;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>
/// <c>mixlab cmr</c>: the Critical Mixture Ratio for continual pre-training (<see cref="CmrPlanner"/>): reads CPT runs,
/// writes cmr.json and plots, prints the answer with its interval and the D-CPT and Data Mixing Law answers beside it.
/// </summary>
public sealed class CmrCommand : AsyncCommand<CmrSettings>
{
    internal const string Description =
        "Critical Mixture Ratio for continual pre-training: the largest domain share that keeps the general loss within a tolerance.";

    internal static readonly string[][] Examples =
    [
        ["cmr", "samples/runs/cpt-runs.csv", "--general-domain", "general", "--target-domain", "finance", "--epsilon", "0.05", "--target-tokens", "20e9", "--out", "out/cmr"],
    ];

    /// <inheritdoc/>
    public override async Task<int> ExecuteAsync(CommandContext context, CmrSettings s, CancellationToken cancel)
    {
        var map = ColumnMapOption.Parse(s.Map);
        var table = RunLogReader.Read(s.Table, map);
        var options = new CmrOptions
        {
            GeneralDomain = s.GeneralDomain,
            TargetDomain = s.TargetDomain!,
            Epsilon = s.Epsilon,
            RelativeEpsilon = s.Relative,
            TargetTokens = s.TargetTokens,
            Lambda = s.LambdaValue,
            TokenUnit = s.TokenUnit,
            BaseGeneralLoss = s.BaseGeneralLoss,
            BaseDomainLoss = s.BaseDomainLoss,
            BootstrapSamples = s.Bootstrap,
            BootstrapKind = s.BootstrapKind == "residuals" ? CmrBootstrapKind.Residuals : CmrBootstrapKind.Checkpoints,
            ConfidenceLevel = s.Ci,
            Seed = s.Seed,
            Threads = s.Threads,
        };
        var result = await ProgressDisplay.RunAsync("cmr",
            progress => CmrPlanner.Plan(table, options, cancel, new Progress<(int Done, int Total)>(p => progress.Report(new FitProgress("cmr", "bootstrap", p.Done, p.Total)))),
            cancel);

        string outDir = s.Out ?? Path.Combine("out", "cmr");
        Directory.CreateDirectory(outDir);
        var written = new List<string> { Path.Combine(outDir, "cmr.json") };
        CmrResultJson.WriteFile(written[0], result, Path.GetFullPath(s.Table), Program.Version);
        if (!s.NoPlots) written.AddRange(CmrPlots.WriteAll(result, CmrRunReader.Read(table, options), outDir));

        if (s.Json) Console.Out.WriteLine(CmrResultJson.Serialize(result, Path.GetFullPath(s.Table), Program.Version));
        else CmrConsoleView.Show(result, written);
        bool converged = result.Runs.All(r => r.General.Converged && r.Domain.Converged);
        return converged ? ExitCodes.Success : ExitCodes.Failure;
    }
}
