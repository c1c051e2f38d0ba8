using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Knows every step by name and builds it from a <see cref="StepSpec"/>: the options object is bound to the step's options
/// class with snake_case names (unknown options are errors that name the file, line and option), and the generic
/// <c>only_if</c>/<c>skip_if</c> keys wrap the step in a <see cref="ConditionalStep"/>.
/// </summary>
public sealed class StepRegistry
{
    private static readonly JsonSerializerOptions Binding = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    private readonly Dictionary<string, (Type OptionsType, Func<object, IPipelineStep> Create, string Summary)> _steps = new(StringComparer.Ordinal);

    /// <summary>Adds a step kind with its options class (default-constructible, init properties) and factory.</summary>
    public StepRegistry Add<TOptions>(string name, Func<TOptions, IPipelineStep> create, string summary) where TOptions : class, new()
    {
        _steps[name] = (typeof(TOptions), o => create((TOptions)o), summary);
        return this;
    }

    public IEnumerable<(string Name, string Summary)> Describe() => _steps.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.Summary));

    public bool Contains(string name) => _steps.ContainsKey(name);

    /// <summary>Builds the steps of a configuration in order; all errors are <see cref="CurationConfigException"/>.</summary>
    public IReadOnlyList<IPipelineStep> Build(IEnumerable<StepSpec> specs) => specs.Select(Build).ToList();

    public IPipelineStep Build(StepSpec spec)
    {
        if (!_steps.TryGetValue(spec.Name, out var entry))
            throw new CurationConfigException($"{spec.Where}: field 'step': unknown step '{spec.Name}' (known: {string.Join(", ", _steps.Keys.Order(StringComparer.Ordinal))})");

        var options = (JsonObject)spec.Options.DeepClone();
        var onlyIf = TakeCondition(options, "only_if", spec);
        var skipIf = TakeCondition(options, "skip_if", spec);

        object bound = Bind(options, entry.OptionsType, spec);

        IPipelineStep step;
        try
        {
            step = entry.Create(bound);
        }
        catch (ArgumentException e)
        {
            throw new CurationConfigException($"{spec.Where}: step '{spec.Name}': {e.Message.Split('\n')[0]}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            throw new CurationConfigException($"{spec.Where}: step '{spec.Name}': {e.Message.Split('\n')[0]}");
        }
        return onlyIf is null && skipIf is null ? step : new ConditionalStep(step, onlyIf, skipIf);
    }

    /// <summary>Binds a step's options (without the generic only_if/skip_if keys) to <typeparamref name="T"/>.</summary>
    public static T BindOptions<T>(StepSpec spec) where T : class, new()
    {
        var options = (JsonObject)spec.Options.DeepClone();
        options.Remove("only_if");
        options.Remove("skip_if");
        return (T)Bind(options, typeof(T), spec);
    }

    private static object Bind(JsonObject options, Type type, StepSpec spec)
    {
        try
        {
            return options.Deserialize(type, Binding) ?? Activator.CreateInstance(type)!;
        }
        catch (JsonException e)
        {
            throw new CurationConfigException($"{spec.Where}: step '{spec.Name}': {Describe(e)}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new CurationConfigException($"{spec.Where}: step '{spec.Name}': {e.Message.Split('\n')[0]}");
        }
    }

    private static StepCondition? TakeCondition(JsonObject options, string key, StepSpec spec)
    {
        if (!options.TryGetPropertyValue(key, out var node)) return null;
        options.Remove(key);
        return StepCondition.Parse(node, $"{spec.Where}: step '{spec.Name}': field '{key}'");
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json names the member in the message ("The JSON property 'x' could not be mapped ...") and the
        // path in e.Path ("$.min_doc_words"); keep one line that names the option.
        string field = e.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "";
        string message = e.Message.Split('\n')[0];
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            int a = message.IndexOf('\''), b = a < 0 ? -1 : message.IndexOf('\'', a + 1);
            if (b > a) return $"unknown option '{message[(a + 1)..b]}'";
        }
        return field.Length > 0 ? $"option '{field}': wrong type or value" : message;
    }
}
