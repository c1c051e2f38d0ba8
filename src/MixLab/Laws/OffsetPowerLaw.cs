using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// The one-term power law with offset f(x) = α·x^s + β, fitted on raw (linear) residuals, in the two roles the
/// CMR Scaling Law (Gu et al., arXiv 2407.17467) gives it: the loss over the mixture ratio at fixed budget,
/// L(R) = α·R^s + β (§1.2), and a loss increment over training tokens, L_Δdom(T) = α1·T^s1 + β1 (Eq. 6); the
/// CMR law itself, R_CMR(T) = α4·T^s4 + β3 (Eq. 8), has the same form. The exponent is bounded (default
/// [−5, 5]) and fits that run into the log-law limit s → 0, α → ∞ are flagged degenerate (laws.md check V8).
/// </summary>
public sealed class OffsetPowerLaw(OffsetPowerLaw.Kind kind) : LawDefinition
{
    /// <summary>Which variable the law is written over.</summary>
    public enum Kind
    {
        /// <summary>x = the domain's mixture ratio R (from <c>--x</c> or <c>mix.&lt;--share&gt;</c>).</summary>
        CmrRatio,
        /// <summary>x = training tokens T (or <c>--x</c>), optionally in units of <c>--x-scale</c>.</summary>
        CmrToken,
    }

    /// <summary>Default bounds of the exponent s.</summary>
    public const double DefaultExponentBound = 5;

    /// <inheritdoc/>
    public override string Name => kind == Kind.CmrRatio ? "cmr-ratio" : "cmr-token";
    /// <inheritdoc/>
    public override string Formula => kind == Kind.CmrRatio ? "L(R) = alpha * R^s + beta" : "L(T) = alpha * T^s + beta";
    /// <inheritdoc/>
    public override string Summary => kind == Kind.CmrRatio
        ? "loss at the final step over the domain mixture ratio R (CMR Scaling Law, Gu et al. 2024, §1.2)"
        : "loss change over training tokens T, one term (CMR Eq. 6 domain law; also the CMR law R(T), Eq. 8)";

    private string XColumn(LawOptions options) => options.X
        ?? (kind == Kind.CmrToken ? RunLogColumns.Tokens : options.Share is { } s ? RunLogColumns.MixPrefix + s : "R");

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options) => [XColumn(options), RunLogColumns.Loss];

    /// <inheritdoc/>
    public override BoundLaw Bind(RunLogTable table, LawOptions options, string group)
    {
        string column = XColumn(options);
        var x = table.Positive(column).Select(v => v / options.XScale).ToArray();
        var parameters = WithExponentBounds([new("alpha"), new("s", -DefaultExponentBound, DefaultExponentBound, IsExponent: true), new("beta")], options);
        return new Bound(x, table.Numeric(RunLogColumns.Loss), parameters, ScaledName(column, options));
    }

    /// <summary>Binds the law to plain arrays (for planners that build many small fits).</summary>
    public static BoundLaw BindArrays(double[] x, double[] y, string column, double exponentBound = DefaultExponentBound) =>
        BindArrays(x, y, column, -exponentBound, exponentBound);

    /// <summary>Binds the law to plain arrays with the exponent bounded to [lower, upper].</summary>
    public static BoundLaw BindArrays(double[] x, double[] y, string column, double lower, double upper) =>
        new Bound(x, y, [new("alpha"), new("s", lower, upper, IsExponent: true), new("beta")], column);

    /// <summary>θ = (α, s, β).</summary>
    internal sealed class Bound(double[] x, double[] loss, IReadOnlyList<LawParameter> parameters, string column) : BoundLaw(loss, ResidualSpace.Linear)
    {
        private readonly double[] _logX = x.Select(v => Math.Log(v)).ToArray();

        public override IReadOnlyList<LawParameter> Parameters => parameters;

        public override double[] Scale => x;

        public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
        {
            double xs = Math.Exp(t[1] * _logX[row]);
            gradient[0] = xs;
            gradient[1] = t[0] * xs * _logX[row];
            gradient[2] = 1;
            return t[0] * xs + t[2];
        }

        /// <summary>For each s on a grid inside the bounds, α and β solve a linear least-squares problem.</summary>
        public override IEnumerable<double[]> StartPoints()
        {
            var s = parameters[1];
            foreach (double exponent in new[] { -3, -2, -1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1, 2, 3 })
            {
                if (exponent <= s.Lower || exponent >= s.Upper) continue;
                var design = new double[RowCount, 2];
                for (int i = 0; i < RowCount; i++) { design[i, 0] = Math.Exp(exponent * _logX[i]); design[i, 1] = 1; }
                if (LinearLeastSquares.Solve(design, Target) is { } b) yield return [b[0], exponent, b[1]];
            }
        }

        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t) => [new("alpha", t[0]), new("s", t[1]), new("beta", t[2])];

        public override IReadOnlyList<NamedValue> Features(int row) => [new(column, x[row])];
    }
}
