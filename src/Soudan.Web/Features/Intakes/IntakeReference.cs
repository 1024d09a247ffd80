using System.Security.Cryptography;

namespace Soudan.Web.Features.Intakes;

/// <summary>
/// The number a worker reads out over the phone: nine digits in three groups, "482-907-315".
/// Digits are said the same way in every language and cannot be mistaken for letters (no O/0, no
/// I/1); the last digit is a Damm check digit, which catches any single wrong digit and any two
/// neighbouring digits swapped, so an operator knows at once when a number was misheard.
/// </summary>
public static class IntakeReference
{
    // The Damm algorithm's quasigroup of order 10 (H. Michael Damm, 2004).
    private static readonly int[,] Table =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    public static string New()
    {
        var digits = new char[9];
        for (var i = 0; i < 8; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(i == 0 ? 1 : 0, 10));
        }

        digits[8] = (char)('0' + CheckDigit(digits.AsSpan(0, 8)));
        return Format(new string(digits));
    }

    /// <summary>True for a well-formed reference, however it was typed ("482 907 315", "482907315").</summary>
    public static bool IsValid(string? typed) => Normalize(typed) is not null;

    /// <summary>"482-907-315" from what someone typed, or null when it cannot be a reference.</summary>
    public static string? Normalize(string? typed)
    {
        var digits = new string((typed ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 9 && CheckDigit(digits) == 0 ? Format(digits) : null;
    }

    private static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var interim = 0;
        foreach (var digit in digits)
        {
            interim = Table[interim, digit - '0'];
        }

        return interim;
    }

    private static string Format(string digits) => $"{digits[..3]}-{digits[3..6]}-{digits[6..]}";
}
