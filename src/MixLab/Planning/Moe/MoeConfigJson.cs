using System.Text.Json;

namespace MixLab.Planning.Moe;

/// <summary>A mistake in a model config file: names the file and the field.</summary>
public sealed class MoeConfigException(string message) : Exception(message);

/// <summary>
/// Reads model configs from JSON: MixLab's own field names (<c>layers, d_model, heads, kv_heads, head_dim, d_ffn, vocab,
/// context, experts, active_experts, shared_experts, d_expert, dense_layers, tied_embeddings</c>) or a Hugging Face
/// <c>config.json</c> (<c>num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads, intermediate_size,
/// vocab_size, num_experts, num_experts_per_tok, num_shared_experts, moe_intermediate_size, first_k_dense_replace,
/// tie_word_embeddings</c>).
/// </summary>
public static class MoeConfigJson
{
    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["layers"] = ["layers", "num_hidden_layers", "n_layer", "num_layers"],
        ["d_model"] = ["d_model", "hidden_size", "n_embd"],
        ["heads"] = ["heads", "num_attention_heads", "n_head"],
        ["kv_heads"] = ["kv_heads", "num_key_value_heads"],
        ["head_dim"] = ["head_dim"],
        ["d_ffn"] = ["d_ffn", "intermediate_size", "ffn_hidden_size"],
        ["vocab"] = ["vocab", "vocab_size"],
        ["context"] = ["context", "seq_length", "max_position_embeddings"],
        ["experts"] = ["experts", "num_experts", "n_routed_experts", "num_local_experts"],
        ["active_experts"] = ["active_experts", "num_experts_per_tok", "moe_topk"],
        ["shared_experts"] = ["shared_experts", "num_shared_experts", "n_shared_experts"],
        ["d_expert"] = ["d_expert", "moe_intermediate_size", "expert_intermediate_size"],
        ["dense_layers"] = ["dense_layers", "first_k_dense_replace"],
        ["tied_embeddings"] = ["tied_embeddings", "tie_word_embeddings"],
    };

    /// <summary>Reads and validates a config file.</summary>
    public static MoeConfig Read(string path)
    {
        if (!File.Exists(path)) throw new MoeConfigException($"{path}: file not found");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new MoeConfigException($"{path}: not valid JSON ({e.Message.Split('.')[0]})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new MoeConfigException($"{path}: the config must be a JSON object");
            var root = doc.RootElement;
            int? Int(string field)
            {
                foreach (var name in Aliases[field])
                    if (root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
                    {
                        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n) || n > int.MaxValue || n < int.MinValue)
                            throw new MoeConfigException($"{path}: field '{name}' must be a whole number (got {v.GetRawText()})");
                        return (int)n;
                    }
                return null;
            }
            int Required(string field) => Int(field) ?? throw new MoeConfigException($"{path}: missing field '{field}' (or {string.Join(", ", Aliases[field].Skip(1))})");
            int heads = Required("heads");
            int experts = Int("experts") ?? 0;
            var config = new MoeConfig
            {
                Name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileNameWithoutExtension(path),
                Layers = Required("layers"),
                DModel = Required("d_model"),
                Heads = heads,
                KvHeads = Int("kv_heads") ?? heads,
                HeadDim = Int("head_dim"),
                FfnSize = Int("d_ffn") ?? 0,
                Vocab = Required("vocab"),
                Context = Int("context") ?? 4096,
                Experts = experts,
                ActiveExperts = Int("active_experts") ?? 0,
                SharedExperts = Int("shared_experts") ?? 0,
                ExpertSize = Int("d_expert") ?? 0,
                DenseLayers = experts > 0 ? Int("dense_layers") ?? 0 : 0,
                TiedEmbeddings = Aliases["tied_embeddings"].Any(a => root.TryGetProperty(a, out var t) && t.ValueKind == JsonValueKind.True),
            };
            var problems = config.Problems();
            if (problems.Count > 0) throw new MoeConfigException($"{path}: {problems[0]}");
            return config;
        }
    }
}
