using System.Text.Json;

namespace MixLab.Planning;

/// <summary>Writes a mixture in MixLab's mixture format: a JSON object <c>{ "domain": proportion }</c> (DESIGN.md).</summary>
public static class MixtureJson
{
    /// <summary>Writes the optimum's mixture to <paramref name="path"/> through a temporary file; returns the path.</summary>
    public static string Write(MixtureOptimum optimum, string path)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(optimum.Mixture, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
