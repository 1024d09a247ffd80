using Soudan.Web.Infrastructure.Text;

namespace Soudan.Tests.Infrastructure;

/// <summary>Numbers, dates and times as workers type them on a phone, in the scripts of the public languages.</summary>
public sealed class FormValuesTests
{
    [Theory]
    [InlineData("180000", 180000)]
    [InlineData("180,000", 180000)]
    [InlineData("¥180,000", 180000)]
    [InlineData("１８０，０００円", 180000)]         // full width, as a Japanese keyboard types it
    [InlineData("180.000", 180000)]               // Vietnamese, Indonesian, Portuguese group by dots
    [InlineData("1.234.567", 1234567)]
    [InlineData("9782.60", 9782.6)]
    [InlineData("9782,6", 9782.6)]                // a comma as the decimal point
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("0.500", 0.5)]                    // a leading zero never groups thousands
    [InlineData("١٨٠٬٠٠٠", 180000)]               // Arabic-Indic digits and the Arabic thousands separator
    [InlineData("٩٧٨٢٫٦", 9782.6)]                // and the Arabic decimal point
    [InlineData("१८००००", 180000)]                // Devanagari (Nepali)
    [InlineData("၁၈၀၀၀၀", 180000)]               // Burmese
    [InlineData(" 60 % ", 60)]
    public void Amounts_of_yen_are_read_however_they_are_written(string typed, decimal expected)
    {
        Assert.True(FormValues.TryYen(typed, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("173.333", 173.333)]              // hours a month: never thousands
    [InlineData("7,5", 7.5)]
    [InlineData("１６０", 160)]
    [InlineData("٦٠", 60)]
    public void Hours_and_per_cent_take_a_lone_dot_or_comma_as_the_decimal_point(string typed, decimal expected)
    {
        Assert.True(FormValues.TryNumber(typed, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(173.333)]
    [InlineData(9782.6)]
    [InlineData(0.123456)]
    public void A_number_put_back_into_a_box_reads_back_the_same(decimal value)
    {
        Assert.True(FormValues.TryNumber(FormValues.Show(value), out var read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData("12万")]
    [InlineData("abc")]
    [InlineData("1,2,3")]
    [InlineData("1.2.3,4.5")]
    [InlineData("99999999999999999999999")]
    public void What_is_not_a_number_is_refused_rather_than_guessed(string typed)
    {
        Assert.False(FormValues.TryYen(typed, out _));
        Assert.False(FormValues.TryNumber(typed, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_box_is_no_number_and_no_mistake(string? typed)
    {
        Assert.True(FormValues.TryNumber(typed, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("2025-11-03")]
    [InlineData("2025/11/3")]
    [InlineData("2025.11.03")]
    [InlineData("2025年11月3日")]
    [InlineData("２０２５－１１－０３")]
    public void Dates_are_read_as_the_date_box_sends_them_and_as_people_write_them(string typed)
    {
        Assert.True(FormValues.TryDate(typed, out var date));
        Assert.Equal(new DateOnly(2025, 11, 3), date);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("3/11/2025")]
    [InlineData("tomorrow")]
    public void Impossible_or_ambiguous_dates_are_refused(string typed) => Assert.False(FormValues.TryDate(typed, out _));

    [Theory]
    [InlineData("06:00", 6, 0)]
    [InlineData("6:00", 6, 0)]
    [InlineData("23：30", 23, 30)]
    [InlineData("6時", 6, 0)]
    [InlineData("22", 22, 0)]
    public void Times_are_read_with_or_without_minutes(string typed, int hour, int minute)
    {
        Assert.True(FormValues.TryTime(typed, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("6:75")]
    public void Impossible_times_are_refused(string typed) => Assert.False(FormValues.TryTime(typed, out _));
}
