namespace Soudan.LaborLaw;

/// <summary>One thing wrong with the input: the field (as the API names it), a code for pages, English text.</summary>
public sealed record InputError(string Field, string Code, string Text);

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
            Fail(field, "out-of-range", $"Must be between {StepList.Number(min)} and {StepList.Number(max)}.");
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
