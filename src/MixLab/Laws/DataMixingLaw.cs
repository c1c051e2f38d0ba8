using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// Data Mixing Law (Ye et al., arXiv 2403.16952, Eq. 1/7): L_i(r) = c_i + k_i·exp(Σ_j t_ij r_j) per evaluation
/// domain i, over the training-domain proportions r (the <c>mix.&lt;domain&gt;</c> columns), fitted in log space as
/// LSE(log c, log k + Σ t_j r_j). When every mixture sums to 1, adding a constant to all t_ij and removing it from
/// log k leaves the law unchanged, so the last domain's t is fixed at 0 and the rest are measured against it.
/// </summary>
public sealed class DataMixingLaw : LawDefinition
{
    /// <inheritdoc/>
    public override string Name => "mixing";
    /// <inheritdoc/>
    public override string Formula => "L_i(r) = c_i + k_i * exp(sum_j t_ij * r_j)";
    /// <inheritdoc/>
    public override string Summary => "loss of each evaluation domain over the mixture proportions (Data Mixing Laws, Ye et al. 2024)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options)
    {
        var domains = table.MixtureDomains;
        if (domains.Count == 0) throw new RunLogException(table.File, 1, "mix.<domain>", "the mixing law needs one mix.<domain> column per training domain");
        return [.. domains.Select(d => RunLogColumns.MixPrefix + d), RunLogColumns.Loss];
    }

    /// <inheritdoc/>
    public override BoundLaw Bind(RunLogTable table, LawOptions options, string group)
    {
        var domains = table.MixtureDomains.ToArray();
        var columns = domains.Select(d => table.Numeric(RunLogColumns.MixPrefix + d)).ToArray();
        for (int j = 0; j < domains.Length; j++)
            for (int i = 0; i < table.RowCount; i++)
                if (columns[j][i] < 0 || columns[j][i] > 1)
                    throw new RunLogException(table.File, table.Lines[i], RunLogColumns.MixPrefix + domains[j], $"proportion {columns[j][i]} is outside [0, 1]");
        var r = new double[table.RowCount][];
        for (int i = 0; i < table.RowCount; i++) r[i] = columns.Select(c => c[i]).ToArray();
        return new Bound(domains, r, table.Positive(RunLogColumns.Loss));
    }

    /// <summary>The law bound to one evaluation domain; θ = (log c, log k, t_1 … t_m) over the free domains.</summary>
    public sealed class Bound : BoundLaw
    {
        private readonly double[][] _r;
        private readonly IReadOnlyList<LawParameter> _parameters;

        internal Bound(string[] domains, double[][] r, double[] loss) : base(loss, ResidualSpace.Log)
        {
            _r = r;
            Domains = domains;
            OnSimplex = r.All(row => Math.Abs(row.Sum() - 1) < 1e-6);
            FreeDomains = OnSimplex && domains.Length > 1 ? domains[..^1] : domains;
            _parameters = [new("log_c"), new("log_k"), .. FreeDomains.Select(d => new LawParameter("t_" + d))];
        }

        /// <summary>All training domains, in column order.</summary>
        public string[] Domains { get; }

        /// <summary>Domains with a fitted t (all but the last when the mixtures sum to 1).</summary>
        public string[] FreeDomains { get; }

        /// <summary>True when every mixture sums to 1.</summary>
        public bool OnSimplex { get; }

        public override IReadOnlyList<LawParameter> Parameters => _parameters;

        public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
        {
            var r = _r[row];
            double z = t[1];
            for (int j = 0; j < FreeDomains.Length; j++) z += t[2 + j] * r[j];
            Span<double> terms = [t[0], z];
            double lse = LogSumExp.ValueAndWeights(terms);
            gradient[0] = terms[0];
            gradient[1] = terms[1];
            for (int j = 0; j < FreeDomains.Length; j++) gradient[2 + j] = terms[1] * r[j];
            return lse;
        }

        /// <summary>For each c among fractions of the smallest loss, log(L − c) = log k + t·r is linear: solve it.</summary>
        public override IEnumerable<double[]> StartPoints()
        {
            double min = Observed.Min();
            foreach (double fraction in new[] { 0.01, 0.25, 0.5, 0.75, 0.9, 0.97 })
            {
                double c = fraction * min;
                var x = new double[RowCount, 1 + FreeDomains.Length];
                var y = new double[RowCount];
                for (int i = 0; i < RowCount; i++)
                {
                    x[i, 0] = 1;
                    for (int j = 0; j < FreeDomains.Length; j++) x[i, 1 + j] = _r[i][j];
                    y[i] = Math.Log(Observed[i] - c);
                }
                var beta = LinearLeastSquares.Solve(x, y) ?? [Math.Log(Observed.Average() - c), .. new double[FreeDomains.Length]];
                yield return [Math.Log(c), .. beta];
            }
        }

        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t)
        {
            var list = new List<NamedValue> { new("c", Math.Exp(t[0])), new("k", Math.Exp(t[1])) };
            for (int j = 0; j < FreeDomains.Length; j++) list.Add(new("t_" + FreeDomains[j], t[2 + j]));
            return list;
        }

        /// <summary>The exponent vector t over all domains (0 for the pinned one), from fit-space θ.</summary>
        public double[] Exponents(ReadOnlySpan<double> t)
        {
            var all = new double[Domains.Length];
            for (int j = 0; j < FreeDomains.Length; j++) all[j] = t[2 + j];
            return all;
        }

        public override IReadOnlyList<NamedValue> Features(int row) => Domains.Select((d, j) => new NamedValue("mix." + d, _r[row][j])).ToList();
    }
}
