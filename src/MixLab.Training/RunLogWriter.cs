using System.Globalization;
using System.Text;
using MixLab.RunLogs;

namespace MixLab.Training;

/// <summary>One per-domain validation measurement.</summary>
public sealed record RunLogRow(long Step, long Tokens, string Domain, double Loss, double[] Mix, double Flops);

/// <summary>One row of proportions.csv.</summary>
public sealed record ProportionRow(long Step, double[] Proportions);

/// <summary>
/// Writes <c>runlog.csv</c> in the run-log format every law reads (DESIGN.md "Run logs", <see cref="RunLogColumns"/>):
/// <c>run, params, tokens, step, eval_domain, loss, mix.&lt;domain&gt;..., flops, active_params, experts</c>, and
/// <c>proportions.csv</c> (<c>step</c> and one column per domain). Both are rewritten whole through a temporary file and a rename.
/// </summary>
public static class RunLogWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteRunLog(string path, string run, long parameters, long activeParameters, int experts, IReadOnlyList<string> domains, IEnumerable<RunLogRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', new[] { RunLogColumns.Run, RunLogColumns.Params, RunLogColumns.Tokens, RunLogColumns.Step, RunLogColumns.EvalDomain, RunLogColumns.Loss }
            .Concat(domains.Select(d => RunLogColumns.MixPrefix + Csv(d)))
            .Concat([RunLogColumns.Flops, RunLogColumns.ActiveParams, RunLogColumns.Experts]))).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(Csv(run)).Append(',').Append(parameters.ToString(Inv)).Append(',').Append(r.Tokens.ToString(Inv)).Append(',')
              .Append(r.Step.ToString(Inv)).Append(',').Append(Csv(r.Domain)).Append(',').Append(r.Loss.ToString("R", Inv));
            foreach (var p in r.Mix) sb.Append(',').Append(p.ToString("R", Inv));
            sb.Append(',').Append(r.Flops.ToString("R", Inv)).Append(',').Append(activeParameters.ToString(Inv)).Append(',').Append(experts.ToString(Inv)).Append('\n');
        }
        WriteAtomic(path, sb.ToString());
    }

    public static void WriteProportions(string path, IReadOnlyList<string> domains, IEnumerable<ProportionRow> rows)
    {
        var sb = new StringBuilder("step");
        foreach (var d in domains) sb.Append(',').Append(Csv(d));
        sb.Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r.Step.ToString(Inv));
            foreach (var p in r.Proportions) sb.Append(',').Append(p.ToString("R", Inv));
            sb.Append('\n');
        }
        WriteAtomic(path, sb.ToString());
    }

    /// <summary>Writes through <c>path.tmp</c> and a rename, so a crash never leaves a half-written file.</summary>
    public static void WriteAtomic(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    private static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
