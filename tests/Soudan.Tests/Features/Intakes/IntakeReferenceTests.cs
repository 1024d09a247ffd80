using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Features.Intakes;

/// <summary>The reference read over the phone: nine digits with a Damm check digit.</summary>
public sealed class IntakeReferenceTests
{
    [Fact]
    public void New_references_are_nine_digits_in_three_groups_that_pass_their_own_check()
    {
        var references = Enumerable.Range(0, 2000).Select(_ => IntakeReference.New()).ToList();

        Assert.All(references, r => Assert.Matches(@"^[1-9]\d{2}-\d{3}-\d{3}$", r));
        Assert.All(references, r => Assert.True(IntakeReference.IsValid(r)));
        Assert.True(references.Distinct().Count() > 1990);
    }

    // Worked example of the Damm algorithm (Wikipedia, "Damm algorithm"): 572 has check digit 4.
    [Theory]
    [InlineData("000-005-724", true)]
    [InlineData("000 005 724", true)]
    [InlineData("000005724", true)]
    [InlineData("000-005-725", false)]
    [InlineData("000-005-274", false)]   // two neighbouring digits swapped
    [InlineData("000-05-724", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_reference_typed_in_is_checked_however_it_is_spaced(string? typed, bool valid) =>
        Assert.Equal(valid, IntakeReference.IsValid(typed));

    [Fact]
    public void Every_single_wrong_digit_and_every_swap_of_neighbours_is_caught()
    {
        var reference = IntakeReference.New().Replace("-", "", StringComparison.Ordinal);
        for (var position = 0; position < 9; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == reference[position])
                {
                    continue;
                }

                var wrong = reference[..position] + digit + reference[(position + 1)..];
                Assert.False(IntakeReference.IsValid(wrong), wrong);
            }

            if (position < 8 && reference[position] != reference[position + 1])
            {
                var swapped = reference[..position] + reference[position + 1] + reference[position] + reference[(position + 2)..];
                Assert.False(IntakeReference.IsValid(swapped), swapped);
            }
        }
    }
}
