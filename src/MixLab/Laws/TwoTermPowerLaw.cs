using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// The two-term CMR token law for the general loss (Gu et al., arXiv 2407.17467, Eq. 6):
/// L_Δgen(T) = α2·T^s2 + α3·T^s3 + β2, which lets the general loss first rise and then fall; fitted on raw
/// residuals with bounded exponents.
/// </summary>
public sealed class TwoTermPowerLaw : LawDefinition
{
    /// <inheritdoc/>
    public override string Name => "cmr-token2";
    /// <inheritdoc/>
    public override string Formula => "L(T) = alpha2 * T^s2 + alpha3 * T^s3 + beta";
    /// <inheritdoc/>
    public override string Summary => "general-loss change over training tokens T, two terms (CMR Scaling Law Eq. 6)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options) => [options.X ?? RunLogColumns.Tokens, RunLogColumns.Loss];

    /// <inheritdoc/>
    public override BoundLaw Bind(RunLogTable table, LawOptions options, string group)
    {
        string column = options.X ?? RunLogColumns.Tokens;
        var x = table.Positive(column).Select(v => v / options.XScale).ToArray();
        double b = OffsetPowerLaw.DefaultExponentBound;
        var parameters = WithExponentBounds([new("alpha2"), new("s2", -b, b, IsExponent: true), new("alpha3"), new("s3", -b, b, IsExponent: true), new("beta")], options);
        return new Bound(x, table.Numeric(RunLogColumns.Loss), parameters, ScaledName(column, options));
    }

    /// <summary>Binds the law to plain arrays (for planners that build many small fits).</summary>
    public static BoundLaw BindArrays(double[] x, double[] y, string column, double exponentBound = OffsetPowerLaw.DefaultExponentBound) =>
        new Bound(x, y, [new("alpha2"), new("s2", -exponentBound, exponentBound, IsExponent: true), new("alpha3"),
            new("s3", -exponentBound, exponentBound, IsExponent: true), new("beta")], column);

    /// <summary>θ = (α2, s2, α3, s3, β).</summary>
    internal sealed class Bound(double[] x, double[] loss, IReadOnlyList<LawParameter> parameters, string column) : BoundLaw(loss, ResidualSpace.Linear)
    {
        private readonly double[] _logX = x.Select(v => Math.Log(v)).ToArray();

        public override IReadOnlyList<LawParameter> Parameters => parameters;

        public override double[] Scale => x;

        public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
        {
            double lx = _logX[row];
            double x2 = Math.Exp(t[1] * lx), x3 = Math.Exp(t[3] * lx);
            gradient[0] = x2; gradient[1] = t[0] * x2 * lx;
            gradient[2] = x3; gradient[3] = t[2] * x3 * lx;
            gradient[4] = 1;
            return t[0] * x2 + t[2] * x3 + t[4];
        }

        /// <summary>Pairs s2 &lt; s3 from a grid; α2, α3 and β solve a linear least-squares problem.</summary>
        public override IEnumerable<double[]> StartPoints()
        {
            double[] grid = [-2, -1, -0.5, -0.25, 0.1, 0.25, 0.5, 1, 1.5, 2];
            var lo = Math.Max(parameters[1].Lower, parameters[3].Lower);
            var hi = Math.Min(parameters[1].Upper, parameters[3].Upper);
            foreach (double s2 in grid)
                foreach (double s3 in grid)
                {
                    if (s3 <= s2 || s2 <= lo || s3 >= hi) continue;
                    var design = new double[RowCount, 3];
                    for (int i = 0; i < RowCount; i++)
                    {
                        design[i, 0] = Math.Exp(s2 * _logX[i]); design[i, 1] = Math.Exp(s3 * _logX[i]); design[i, 2] = 1;
                    }
                    if (LinearLeastSquares.Solve(design, Target) is { } b) yield return [b[0], s2, b[1], s3, b[2]];
                }
        }

        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t) =>
            [new("alpha2", t[0]), new("s2", t[1]), new("alpha3", t[2]), new("s3", t[3]), new("beta", t[4])];

        public override IReadOnlyList<NamedValue> Features(int row) => [new(column, x[row])];
    }
}
