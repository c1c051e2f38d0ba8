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
        // Not max_position_embeddings: that is the longest context a model accepts, not the one it trains or runs at.
        ["context"] = ["context", "seq_length"],
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
            var used = new Dictionary<string, string>();
            int? Int(string field)
            {
                foreach (var name in Aliases[field])
                    if (root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
                    {
                        used[field] = name;
                        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n) || n > int.MaxValue || n < int.MinValue)
                            throw new MoeConfigException($"{path}: field '{name}' must be a whole number (got {v.GetRawText()})");
                        return (int)n;
                    }
                return null;
            }
            int Required(string field) => Int(field) ?? throw new MoeConfigException($"{path}: missing field '{field}' (or {string.Join(", ", Aliases[field].Skip(1))})");
            int heads = Required("heads");
            int experts = Int("experts") ?? 0;
            int ffn = Int("d_ffn") ?? 0;
            int? expertSize = Int("d_expert");
            // Mixtral-style configs give the expert size as intermediate_size and make every layer MoE.
            bool mixtralStyle = experts > 0 && expertSize is null && ffn > 0;
            // Hugging Face configs tie embeddings unless they say otherwise; MixLab's own format unties them.
            bool huggingFace = root.TryGetProperty("hidden_size", out _);
            bool tied = Aliases["tied_embeddings"].Select(a => root.TryGetProperty(a, out var t) ? t.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => (bool?)null,
            } : null).FirstOrDefault(v => v is not null) ?? huggingFace;
            var config = new MoeConfig
            {
                Name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileNameWithoutExtension(path),
                Layers = Required("layers"),
                DModel = Required("d_model"),
                Heads = heads,
                KvHeads = Int("kv_heads") ?? heads,
                HeadDim = Int("head_dim"),
                FfnSize = ffn,
                Vocab = Required("vocab"),
                Context = Int("context") ?? 4096,
                Experts = experts,
                ActiveExperts = Int("active_experts") ?? 0,
                SharedExperts = Int("shared_experts") ?? 0,
                ExpertSize = expertSize ?? (mixtralStyle ? ffn : 0),
                DenseLayers = experts > 0 && !mixtralStyle ? Int("dense_layers") ?? 0 : 0,
                TiedEmbeddings = tied,
            };
            var problems = config.Problems();
            if (problems.Count > 0)
            {
                // Name fields as the file spells them (e.g. num_experts_per_tok rather than active_experts).
                var renamed = used.Where(u => u.Key != u.Value).ToDictionary(u => u.Key, u => u.Value);
                string problem = renamed.Count == 0 ? problems[0] : System.Text.RegularExpressions.Regex.Replace(problems[0],
                    $@"\b({string.Join("|", renamed.Keys.OrderByDescending(k => k.Length))})\b", m => renamed[m.Value]);
                throw new MoeConfigException($"{path}: {problem}");
            }
            return config;
        }
    }
}
