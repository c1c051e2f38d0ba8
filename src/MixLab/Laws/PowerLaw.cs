using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// One-variable power law L(x) = E + A/x^α over tokens, steps, parameters or compute (Data Mixing Laws Eq. 3,
/// the step and size laws of its pipeline, laws.md §2.2), fitted in log space as LSE(e, a − α log x). Rows can
/// form several curves (<c>--curve-by</c>), each with its own E and A, and optionally one shared α
/// (<c>--shared-exponent</c>, the official code's tied α).
/// </summary>
public sealed class PowerLaw : LawDefinition
{
    /// <inheritdoc/>
    public override string Name => "power";
    /// <inheritdoc/>
    public override string Formula => "L(x) = E + A / x^alpha";
    /// <inheritdoc/>
    public override string Summary => "loss over one variable (tokens, steps, params or flops), optionally one exponent shared by several curves";

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options) =>
        [options.X ?? RunLogColumns.Tokens, RunLogColumns.Loss];

    /// <inheritdoc/>
    public override BoundLaw Bind(RunLogTable table, LawOptions options, string group)
    {
        string xColumn = options.X ?? RunLogColumns.Tokens;
        var curves = options.CurveBy is { } c ? table.TextOrDefault(c, "all") : Enumerable.Repeat("all", table.RowCount).ToArray();
        return new Bound(table.Positive(xColumn).Select(v => v / options.XScale).ToArray(), table.Positive(RunLogColumns.Loss), curves, options, ScaledName(xColumn, options));
    }

    internal sealed class Bound : BoundLaw
    {
        private readonly double[] _x, _logX;
        private readonly int[] _curve;
        private readonly string[] _curveNames;
        private readonly bool _shared;
        private readonly string _xColumn;
        private readonly IReadOnlyList<LawParameter> _parameters;

        public Bound(double[] x, double[] loss, string[] curves, LawOptions options, string xColumn) : base(loss, ResidualSpace.Log)
        {
            _x = x; _logX = x.Select(v => Math.Log(v)).ToArray(); _xColumn = xColumn;
            _curveNames = curves.Distinct(StringComparer.Ordinal).ToArray();
            _curve = curves.Select(c => Array.IndexOf(_curveNames, c)).ToArray();
            _shared = options.SharedExponent || _curveNames.Length == 1;
            var list = new List<LawParameter>();
            if (_shared) list.Add(new("alpha", IsExponent: true));
            foreach (var name in _curveNames)
            {
                list.Add(new(Suffix("e", name)));
                list.Add(new(Suffix("a", name)));
                if (!_shared) list.Add(new(Suffix("alpha", name), IsExponent: true));
            }
            _parameters = WithExponentBounds(list, options);
        }

        private string Suffix(string p, string curve) => _curveNames.Length == 1 ? p : $"{p}[{curve}]";

        // Index of e_k, a_k and α for curve k in θ.
        private (int e, int a, int alpha) Slots(int k) => _shared ? (1 + 2 * k, 2 + 2 * k, 0) : (3 * k, 3 * k + 1, 3 * k + 2);

        public override IReadOnlyList<LawParameter> Parameters => _parameters;

        public override double[] Scale => _x;

        public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
        {
            gradient.Clear();
            var (e, a, alpha) = Slots(_curve[row]);
            Span<double> terms = [t[e], t[a] - t[alpha] * _logX[row]];
            double lse = LogSumExp.ValueAndWeights(terms);
            gradient[e] = terms[0];
            gradient[a] = terms[1];
            gradient[alpha] += -terms[1] * _logX[row];
            return lse;
        }

        public override IEnumerable<double[]> StartPoints()
        {
            foreach (double fraction in new[] { 0.1, 0.5, 0.8, 0.95 })
                foreach (double alpha in new[] { 0.1, 0.25, 0.5, 1.0 })
                {
                    var theta = new double[_parameters.Count];
                    for (int k = 0; k < _curveNames.Length; k++)
                    {
                        var rows = Enumerable.Range(0, RowCount).Where(i => _curve[i] == k).ToArray();
                        double min = rows.Min(i => Observed[i]), mean = rows.Average(i => Observed[i]);
                        var (e, a, al) = Slots(k);
                        theta[e] = Math.Log(fraction * min);
                        theta[a] = Math.Log(Math.Max(mean - fraction * min, 1e-9)) + alpha * rows.Average(i => _logX[i]);
                        theta[al] = alpha;
                    }
                    yield return theta;
                }
        }

        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t)
        {
            var list = new List<NamedValue>();
            if (_shared) list.Add(new("alpha", t[0]));
            for (int k = 0; k < _curveNames.Length; k++)
            {
                var (e, a, alpha) = Slots(k);
                list.Add(new(Suffix("E", _curveNames[k]), Math.Exp(t[e])));
                list.Add(new(Suffix("A", _curveNames[k]), Math.Exp(t[a])));
                if (!_shared) list.Add(new(Suffix("alpha", _curveNames[k]), t[alpha]));
            }
            return list;
        }

        public override IReadOnlyList<NamedValue> Features(int row) => [new(_xColumn, _x[row])];
    }
}
