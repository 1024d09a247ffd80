using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Infrastructure.Japan;

/// <summary>
/// Reads an amount of yen as counselors type it: "120000", "120,000", "¥120,000", "１２０,０００円".
/// "12万" is refused rather than guessed. The same reading as every other box of yen (<see cref="FormValues.TryYen"/>).
/// </summary>
public static class YenAmount
{
    /// <summary>Empty means zero; a fraction, a negative amount or more than <paramref name="max"/> is refused.</summary>
    public static bool TryParse(string? text, long max, out long yen)
    {
        yen = 0;
        if (!FormValues.TryYen(text, out var amount))
        {
            return false;
        }

        if (amount is not { } value)
        {
            return true;
        }

        if (value < 0 || value > max || value != decimal.Truncate(value))
        {
            return false;
        }

        yen = (long)value;
        return true;
    }
}
