using System.Globalization;
using MixLab.RunLogs;

namespace MixLab.Planning.Cmr;

/// <summary>
/// Turns a run-log table into CPT runs for the CMR planner: one run per <c>run</c> value, its ratio R from the
/// <c>mix.&lt;target&gt;</c> column (constant within the run), general and domain losses paired by tokens, and the
/// pre-CPT losses from the run's rows at tokens 0 (or a shared tokens-0 row, or the options).
/// </summary>
public static class CmrRunReader
{
    /// <summary>Reads the runs; throws <see cref="RunLogException"/> naming file, line and column for bad input.</summary>
    public static List<CmrRun> Read(RunLogTable table, CmrOptions options)
    {
        string ratioColumn = RunLogColumns.MixPrefix + options.TargetDomain;
        var runs = table.TextOrDefault(RunLogColumns.Run, "run");
        var domains = table.TextOrDefault(RunLogColumns.EvalDomain, "");
        var tokens = table.Numeric(RunLogColumns.Tokens);
        var loss = table.Positive(RunLogColumns.Loss);
        var ratio = table.Numeric(ratioColumn);
        if (!domains.Contains(options.GeneralDomain))
            throw new RunLogException(table.File, null, RunLogColumns.EvalDomain, $"no rows with eval_domain '{options.GeneralDomain}' (the general loss; set --general-domain)");
        if (!domains.Contains(options.TargetDomain))
            throw new RunLogException(table.File, null, RunLogColumns.EvalDomain, $"no rows with eval_domain '{options.TargetDomain}' (the domain loss; set --target-domain)");
        for (int i = 0; i < table.RowCount; i++)
        {
            if (tokens[i] < 0) throw new RunLogException(table.File, table.Lines[i], RunLogColumns.Tokens, "tokens must not be negative");
            if (ratio[i] < 0 || ratio[i] > 1) throw new RunLogException(table.File, table.Lines[i], ratioColumn, $"ratio {ratio[i].ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
        }

        // Shared pre-CPT rows: tokens 0 in any run (all runs start from the same model).
        double? sharedGeneral = SharedBase(table, domains, tokens, loss, options.GeneralDomain) ?? options.BaseGeneralLoss;
        double? sharedDomain = SharedBase(table, domains, tokens, loss, options.TargetDomain) ?? options.BaseDomainLoss;

        var result = new List<CmrRun>();
        foreach (var group in Enumerable.Range(0, table.RowCount).GroupBy(i => runs[i], StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            double r = ratio[rows[0]];
            foreach (int i in rows)
                if (Math.Abs(ratio[i] - r) > 1e-9)
                    throw new RunLogException(table.File, table.Lines[i], ratioColumn, $"run '{group.Key}' changes its ratio ({r} on line {table.Lines[rows[0]]}, {ratio[i]} here); one run is one ratio");
            double? baseGen = RunBase(rows, domains, tokens, loss, options.GeneralDomain) ?? sharedGeneral;
            double? baseDom = RunBase(rows, domains, tokens, loss, options.TargetDomain) ?? sharedDomain;
            if (baseGen is null || baseDom is null)
                throw new RunLogException(table.File, table.Lines[rows[0]], RunLogColumns.Tokens,
                    $"run '{group.Key}' has no pre-CPT loss: add rows at tokens 0 for eval_domain '{options.GeneralDomain}' and '{options.TargetDomain}', or give --base-general-loss and --base-domain-loss");

            var general = ByTokens(table, rows.Where(i => domains[i] == options.GeneralDomain && tokens[i] > 0), tokens, group.Key);
            var domain = ByTokens(table, rows.Where(i => domains[i] == options.TargetDomain && tokens[i] > 0), tokens, group.Key);
            var paired = general.Keys.Where(domain.ContainsKey).Order().ToArray();
            if (paired.Length < 5)
                throw new RunLogException(table.File, table.Lines[rows[0]], RunLogColumns.Tokens,
                    $"run '{group.Key}' has {paired.Length} checkpoints with both a general and a domain loss; the two-term general law needs at least 5");
            result.Add(new CmrRun(group.Key, r, baseGen.Value, baseDom.Value,
                paired.Select(t => t / options.TokenUnit).ToArray(),
                paired.Select(t => loss[general[t]] - baseGen.Value).ToArray(),
                paired.Select(t => loss[domain[t]] - baseDom.Value).ToArray(),
                paired.Select(t => table.Lines[general[t]]).ToArray()));
        }
        var distinct = result.Select(r => r.Ratio).Distinct().Count();
        if (distinct < 3)
            throw new RunLogException(table.File, null, ratioColumn, $"{distinct} distinct ratio(s); the ratio law L(R) = alpha R^s + beta needs runs at 3 or more ratios");
        return result.OrderBy(r => r.Ratio).ToList();
    }

    /// <summary>Checkpoints of one run and eval domain by token count; a token count logged twice is an error.</summary>
    private static Dictionary<double, int> ByTokens(RunLogTable table, IEnumerable<int> rows, double[] tokens, string run)
    {
        var result = new Dictionary<double, int>();
        foreach (int i in rows)
            if (!result.TryAdd(tokens[i], i))
                throw new RunLogException(table.File, table.Lines[i], RunLogColumns.Tokens,
                    $"run '{run}' logs tokens {tokens[i].ToString(CultureInfo.InvariantCulture)} twice for this eval_domain (also on line {table.Lines[result[tokens[i]]]})");
        return result;
    }

    private static double? RunBase(int[] rows, string[] domains, double[] tokens, double[] loss, string domain)
    {
        var at0 = rows.Where(i => tokens[i] == 0 && domains[i] == domain).ToArray();
        return at0.Length == 0 ? null : at0.Average(i => loss[i]);
    }

    private static double? SharedBase(RunLogTable table, string[] domains, double[] tokens, double[] loss, string domain)
    {
        var at0 = Enumerable.Range(0, table.RowCount).Where(i => tokens[i] == 0 && domains[i] == domain).ToArray();
        return at0.Length == 0 ? null : at0.Average(i => loss[i]);
    }
}
