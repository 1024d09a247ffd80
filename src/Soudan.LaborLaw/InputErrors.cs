namespace Soudan.LaborLaw;

/// <summary>
/// One thing wrong with the input: the field (as the API names it), a code for pages, English text,
/// and for a number out of range the limits, so a page can say them in its own language.
/// </summary>
public sealed record InputError(string Field, string Code, string Text)
{
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }
}

/// <summary>Thrown by a calculator given input that <c>Check</c> would have refused.</summary>
public sealed class InvalidInputException(IReadOnlyList<InputError> errors)
    : ArgumentException(string.Join("; ", errors.Select(e => e.Field + ": " + e.Text)))
{
    public IReadOnlyList<InputError> Errors { get; } = errors;
}

/// <summary>Collects input errors field by field.</summary>
internal sealed class InputCheck
{
    private readonly List<InputError> _errors = [];

    public IReadOnlyList<InputError> Errors => _errors;

    public void Fail(string field, string code, string text) => _errors.Add(new InputError(field, code, text));

    public void OutOfRange(string field, decimal min, decimal max, string text) =>
        _errors.Add(new InputError(field, "out-of-range", text) { Min = min, Max = max });

    public void Required(string field, object? value)
    {
        if (value is null)
        {
            Fail(field, "required", "This is required.");
        }
    }

    public void Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            OutOfRange(field, min, max, $"Must be between {StepList.Number(min)} and {StepList.Number(max)}.");
        }
    }

    /// <summary>Hours and the like: more than zero, and at most <paramref name="max"/>.</summary>
    public void PositiveAtMost(string field, decimal? value, decimal max)
    {
        if (value is { } v && (v <= 0 || v > max))
        {
            _errors.Add(new InputError(field, "positive-at-most", $"Must be more than 0 and at most {StepList.Number(max)}.") { Max = max });
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new InvalidInputException(_errors);
        }
    }
}
