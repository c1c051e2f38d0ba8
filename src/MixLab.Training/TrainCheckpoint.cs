using System.Text.Json;
using System.Text.Json.Nodes;

namespace MixLab.Training;

/// <summary>
/// The resumable state of a run besides the tensors (written as <c>state.json</c> next to <c>model.bin</c> and
/// <c>optimizer.bin</c>): step, data sampler and policy state, the partial decision, the rows written so far and the
/// config hash that a resume must match.
/// </summary>
public sealed class CheckpointState
{
    public int Format { get; set; } = 1;
    public string ConfigHash { get; set; } = "";
    public string Run { get; set; } = "";
    public string Policy { get; set; } = "";
    public string[] Domains { get; set; } = [];
    public ModelOptions Model { get; set; } = new();
    public string Tokenizer { get; set; } = "";
    public int VocabSize { get; set; }
    public long Step { get; set; }
    public long Tokens { get; set; }
    public long[] DomainTokens { get; set; } = [];
    public long DecisionIndex { get; set; }
    public int StepsIntoDecision { get; set; }
    public double[] TrainLossSum { get; set; } = [];
    public int[] TrainLossCount { get; set; } = [];
    public double[] ReferenceLossSum { get; set; } = [];
    /// <summary>State of the batch sampler's generator (SplitMix64 word, as a decimal string).</summary>
    public string DataRandom { get; set; } = "0";
    public JsonObject PolicyState { get; set; } = new();
    public List<RunLogRow> Rows { get; set; } = [];
    public List<ProportionRow> ProportionRows { get; set; } = [];
    public long SkippedSteps { get; set; }
    public List<string> Warnings { get; set; } = [];
}

/// <summary>
/// Checkpoint folder I/O: everything is written to <c>checkpoint.tmp</c>, then the old folder is moved aside and the new
/// one renamed into place, so an interrupted save leaves the previous checkpoint (or <c>checkpoint.old</c>) intact.
/// </summary>
public static class TrainCheckpoint
{
    public const string FolderName = "checkpoint";
    public const string ModelFile = "model.bin", OptimizerFile = "optimizer.bin", StateFile = "state.json";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes a checkpoint; <paramref name="writeTensors"/> saves the model and optimizer files into the given folder.</summary>
    public static string Save(string outDir, CheckpointState state, Action<string> writeTensors)
    {
        string final = Path.Combine(outDir, FolderName), tmp = final + ".tmp", old = final + ".old";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        writeTensors(tmp);
        File.WriteAllText(Path.Combine(tmp, StateFile), JsonSerializer.Serialize(state, Json));
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(final)) Directory.Move(final, old);
        Directory.Move(tmp, final);
        if (Directory.Exists(old)) Directory.Delete(old, true);
        return final;
    }

    /// <summary>The checkpoint folder to resume from in <paramref name="outDir"/> (falls back to <c>checkpoint.old</c> after an interrupted save); null when none.</summary>
    public static string? Find(string outDir)
    {
        foreach (var name in new[] { FolderName, FolderName + ".old" })
        {
            var dir = Path.Combine(outDir, name);
            if (File.Exists(Path.Combine(dir, StateFile)) && File.Exists(Path.Combine(dir, ModelFile))) return dir;
        }
        return null;
    }

    /// <summary>Reads <c>state.json</c> of a checkpoint folder.</summary>
    public static CheckpointState ReadState(string folder)
    {
        var path = Path.Combine(folder, StateFile);
        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path), Json) ?? throw new TrainingConfigException($"{path}: empty checkpoint state");
        }
        catch (JsonException e) { throw new TrainingConfigException($"{path}: not a readable checkpoint state ({e.Message})", e); }
        catch (FileNotFoundException) { throw new TrainingConfigException($"{folder}: not a checkpoint folder (no {StateFile})"); }
    }
}
