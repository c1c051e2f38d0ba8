using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// D-CPT law (Que et al., arXiv 2406.01375, form "L3"): L(N, D, r) = E + A/N^α + B·r^η/D^β + C/(r + ε)^γ, where r is
/// the share of the corpus whose loss is modelled (r_d for the domain loss, r_g for the general loss), fitted in
/// log space as LSE(e, a − α log N, b + η log r − β log D, c − γ log(r + ε)) with ε = exp(log ε) (laws.md §5.1).
/// </summary>
public sealed class DcptLaw : LawDefinition
{
    /// <inheritdoc/>
    public override string Name => "dcpt";
    /// <inheritdoc/>
    public override string Formula => "L(N, D, r) = E + A / N^alpha + B * r^eta / D^beta + C / (r + epsilon)^gamma";
    /// <inheritdoc/>
    public override string Summary => "continual pre-training loss over size, tokens and the corpus's own share r (D-CPT Law, Que et al. 2024)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options) =>
        [RunLogColumns.Params, RunLogColumns.Tokens, RunLogColumns.Loss];

    /// <inheritdoc/>
    public override BoundLaw Bind(RunLogTable table, LawOptions options, string group)
    {
        string share = RunLogColumns.MixPrefix + (options.Share ?? group);
        if (!table.Has(share))
            throw new RunLogException(table.File, 1, share, $"the D-CPT law needs the share of the modelled corpus; name it with --share DOMAIN (group '{group}')");
        var r = table.Numeric(share);
        for (int i = 0; i < r.Length; i++)
            if (r[i] < 0 || r[i] > 1) throw new RunLogException(table.File, table.Lines[i], share, $"share {r[i]} is outside [0, 1]");
        return new Bound(table.Positive(RunLogColumns.Params), table.Positive(RunLogColumns.Tokens), r, table.Positive(RunLogColumns.Loss), options);
    }

    /// <summary>θ = (e, a, α, b, η, β, c, γ, log ε).</summary>
    internal sealed class Bound : BoundLaw
    {
        private readonly double[] _n, _d, _r, _logN, _logD, _logR;
        private readonly IReadOnlyList<LawParameter> _parameters;

        public Bound(double[] n, double[] d, double[] r, double[] loss, LawOptions options) : base(loss, ResidualSpace.Log)
        {
            _n = n; _d = d; _r = r;
            _logN = n.Select(v => Math.Log(v)).ToArray(); _logD = d.Select(v => Math.Log(v)).ToArray(); _logR = r.Select(v => Math.Log(v)).ToArray();
            _parameters = WithExponentBounds([new("e"), new("a"), new("alpha", IsExponent: true), new("b"), new("eta", IsExponent: true),
                new("beta", IsExponent: true), new("c"), new("gamma", IsExponent: true), new("log_epsilon", -20, 2)], options);
        }

        public override IReadOnlyList<LawParameter> Parameters => _parameters;

        public override double[] Scale => _n.Select((v, i) => 6 * v * _d[i]).ToArray();

        public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
        {
            double eps = Math.Exp(t[8]);
            double logRe = Math.Log(_r[row] + eps);
            Span<double> terms = [t[0], t[1] - t[2] * _logN[row], t[3] + t[4] * _logR[row] - t[5] * _logD[row], t[6] - t[7] * logRe];
            double lse = LogSumExp.ValueAndWeights(terms);
            gradient[0] = terms[0];
            gradient[1] = terms[1];
            gradient[2] = -terms[1] * _logN[row];
            gradient[3] = terms[2];
            gradient[4] = terms[2] == 0 ? 0 : terms[2] * _logR[row];
            gradient[5] = -terms[2] * _logD[row];
            gradient[6] = terms[3];
            gradient[7] = -terms[3] * logRe;
            gradient[8] = -terms[3] * t[7] * eps / (_r[row] + eps);
            return lse;
        }

        public override IEnumerable<double[]> StartPoints()
        {
            double min = Observed.Min(), mean = Observed.Average();
            double mLogN = _logN.Average(), mLogD = _logD.Average();
            double mLogR = _logR.Where(double.IsFinite).DefaultIfEmpty(Math.Log(0.5)).Average();
            foreach (double fraction in new[] { 0.5, 0.8 })
                foreach (double alpha in new[] { 0.3, 0.6 })
                    foreach (double beta in new[] { 0.3, 0.6 })
                        foreach (double eta in new[] { 0.5, 1.0 })
                            foreach (double gamma in new[] { 0.2, 0.5 })
                                foreach (double eps in new[] { 0.01, 0.1 })
                                {
                                    double e = fraction * min, part = Math.Log(Math.Max(mean - e, 1e-9) / 3);
                                    yield return [Math.Log(e), part + alpha * mLogN, alpha, part - eta * mLogR + beta * mLogD, eta, beta,
                                        part + gamma * Math.Log(Math.Exp(mLogR) + eps), gamma, Math.Log(eps)];
                                }
        }

        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t) =>
        [
            new("E", Math.Exp(t[0])), new("A", Math.Exp(t[1])), new("alpha", t[2]), new("B", Math.Exp(t[3])), new("eta", t[4]),
            new("beta", t[5]), new("C", Math.Exp(t[6])), new("gamma", t[7]), new("epsilon", Math.Exp(t[8])),
        ];

        public override IReadOnlyList<NamedValue> Features(int row) => [new("params", _n[row]), new("tokens", _d[row]), new("r", _r[row])];
    }
}
