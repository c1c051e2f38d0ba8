using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// What a law is (name, formula, the columns it needs) and how to attach it to a group of run-log rows.
/// Registered in <see cref="LawCatalog"/>.
/// </summary>
public abstract class LawDefinition
{
    /// <summary>The name given to <c>--law</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The formula as text.</summary>
    public abstract string Formula { get; }

    /// <summary>One line on what the law is for and where it comes from.</summary>
    public abstract string Summary { get; }

    /// <summary>Columns the law reads, given the options.</summary>
    public abstract IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options);

    /// <summary>Binds the law to a table holding one fit group.</summary>
    public abstract BoundLaw Bind(RunLogTable table, LawOptions options, string group);

    /// <summary>Applies <see cref="LawOptions.ExponentBounds"/> to a parameter list.</summary>
    protected static IReadOnlyList<LawParameter> WithExponentBounds(IReadOnlyList<LawParameter> parameters, LawOptions options) =>
        options.ExponentBounds is { } b ? parameters.Select(p => p.IsExponent ? p.WithBounds(b.Lower, b.Upper) : p).ToList() : parameters;

    /// <summary>The name a variable is reported under: "tokens/1e+09" when it was divided by --variable-scale.</summary>
    protected static string ScaledName(string column, LawOptions options) =>
        options.XScale == 1 ? column : $"{column}/{options.XScale.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Evenly spaced values lo, lo + step, …, hi.</summary>
    protected static double[] Grid(double lo, double hi, double step)
    {
        int n = (int)Math.Round((hi - lo) / step) + 1;
        return Enumerable.Range(0, n).Select(i => lo + i * step).ToArray();
    }
}
