using System.Text.Json;
using Soudan.LaborLaw;

namespace Soudan.Web.Features.Calculators;

/// <summary>
/// A calculator's answer as pages show it, read from the answer as the API gives it: the same view
/// for a result just calculated and for one saved on a case months ago.
/// </summary>
public sealed class CalculationView
{
    private CalculationView(CalculatorKind kind, JsonElement result, JsonElement input, Explanation explanation)
    {
        Kind = kind;
        Result = result;
        Input = input;
        Steps = explanation.Steps ?? [];
        Warnings = explanation.Warnings ?? [];
        Basis = explanation.Basis ?? [];
    }

    public CalculatorKind Kind { get; }

    /// <summary>The answer, as the API gives it.</summary>
    public JsonElement Result { get; }

    /// <summary>The input, as the API takes it.</summary>
    public JsonElement Input { get; }

    public IReadOnlyList<CalculationStep> Steps { get; }

    public IReadOnlyList<Warning> Warnings { get; }

    public IReadOnlyList<string> Basis { get; }

    /// <summary>The prefecture the calculation was for, when it asked for one.</summary>
    public string? PrefectureCode => Input.TryGetProperty("prefectureCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

    /// <summary>The money the worker may claim, when the calculator gives one: what the consultation form carries over.</summary>
    public decimal? OwedYen => Kind.Owed is { } path ? Number(path) : null;

    /// <summary>Whether another answer to the same input gives the same figures (after new minimum wages, say).</summary>
    public bool SameFigures(CalculationView other) =>
        Kind.KeyFigures.All(path => Number(path) == other.Number(path) && Flag(path) == other.Flag(path) && Text(path) == other.Text(path));

    public static CalculationView Of(CalculatorKind kind, string resultJson, string inputJson)
    {
        using var result = JsonDocument.Parse(resultJson);
        using var input = JsonDocument.Parse(inputJson);
        var explanation = result.RootElement.Deserialize<Explanation>(CalculatorEndpoints.Json)!;
        return new CalculationView(kind, result.RootElement.Clone(), input.RootElement.Clone(), explanation);
    }

    /// <summary>A figure of the answer by its path ("amounts", "owedYen"), or null.</summary>
    public decimal? Number(params string[] path) =>
        Property(path) is { ValueKind: JsonValueKind.Number } value ? value.GetDecimal() : null;

    public DateOnly? Date(params string[] path) =>
        Property(path) is { ValueKind: JsonValueKind.String } value && DateOnly.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : null;

    public bool? Flag(params string[] path) =>
        Property(path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public string? Text(params string[] path) =>
        Property(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public IEnumerable<JsonElement> List(params string[] path) =>
        Property(path) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    private JsonElement? Property(string[] path)
    {
        var at = Result;
        foreach (var name in path)
        {
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(name, out at))
            {
                return null;
            }
        }

        return at;
    }

    private sealed record Explanation(List<CalculationStep>? Steps, List<Warning>? Warnings, List<string>? Basis);
}
