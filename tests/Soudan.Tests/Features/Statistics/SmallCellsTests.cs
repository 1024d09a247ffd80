using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Soudan.Web.Features.Statistics;

namespace Soudan.Tests.Features.Statistics;

/// <summary>
/// Small-cell suppression of the public statistics: worked examples, then properties over random
/// tables (any shape up to 6 × 4, counts 0-30).
/// </summary>
public sealed class SmallCellsTests
{
    [Fact]
    public void One_small_cell_in_a_list_hides_the_next_smallest_so_the_total_does_not_give_it_away()
    {
        // Philippines 12, Nepal 3, Viet Nam 20, Mongolia 7; total 42.
        var hidden = SmallCells.Hidden(Column(12, 3, 20, 7));

        Assert.Equal([false, true, false, true, false], Enumerable.Range(0, 5).Select(r => hidden[r, 0]));
    }

    [Fact]
    public void Two_small_cells_whose_sum_would_pin_them_hide_a_large_one_too()
    {
        // 1 and 1 of 12: shown 10 and the total, the two hidden ones add up to 2, so both are 1.
        var hidden = SmallCells.Hidden(Column(1, 1, 10));

        Assert.True(hidden[2, 0] || hidden[3, 0], "the 10 or the total is hidden too");
        Assert.True(hidden[0, 0] && hidden[1, 0]);
    }

    [Fact]
    public void Nothing_small_hides_nothing_and_zeros_are_shown()
    {
        var hidden = SmallCells.Hidden(Column(12, 0, 20));

        Assert.DoesNotContain(true, hidden.Cast<bool>());
    }

    [Fact]
    public void A_small_cell_of_a_cross_tabulation_hides_a_rectangle_not_a_line()
    {
        //          tourism  factory
        // PH          12        3
        // NP           8       20
        var hidden = SmallCells.Hidden(new[,] { { 12, 3 }, { 8, 20 } });

        Assert.True(hidden[0, 1]);
        // Its row and its column each hide a second entry.
        Assert.True(hidden[0, 0] || hidden[0, 2]);
        Assert.True(hidden[1, 1] || hidden[2, 1]);
    }

    [Property(MaxTest = 500)]
    public Property No_count_from_1_to_4_is_ever_shown(byte[][] raw) => Check(raw, (table, hidden, grid) =>
        Entries(grid).All(e => hidden[e.R, e.C] || grid[e.R, e.C] is 0 or >= SmallCells.Threshold));

    [Property(MaxTest = 500)]
    public Property Every_line_hides_none_or_two_with_one_not_small(byte[][] raw) => Check(raw, (table, hidden, grid) =>
        LinesOf(table).All(line =>
        {
            var hiding = line.Where(e => hidden[e.R, e.C]).ToList();
            var canHideLarge = line.Any(e => grid[e.R, e.C] is 0 or >= SmallCells.Threshold);
            return hiding.Count == 0 || (hiding.Count >= 2 && (!canHideLarge || hiding.Any(e => grid[e.R, e.C] is 0 or >= SmallCells.Threshold)));
        }));

    private static Property Check(byte[][] raw, Func<int[,], bool[,], int[,], bool> holds)
    {
        var rows = Math.Clamp(raw.Length, 1, 6);
        var columns = Math.Clamp(raw.Length == 0 ? 1 : raw.Max(r => r?.Length ?? 0), 1, 4);
        var table = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                table[r, c] = r < raw.Length && raw[r] is { } row && c < row.Length ? row[c] % 31 : 0;
            }
        }

        var hidden = SmallCells.Hidden(table);
        return holds(table, hidden, WithMargins(table)).Label(string.Join(" / ", Enumerable.Range(0, rows).Select(r => string.Join(",", Enumerable.Range(0, columns).Select(c => table[r, c])))));
    }

    private static int[,] Column(params int[] counts)
    {
        var table = new int[counts.Length, 1];
        for (var r = 0; r < counts.Length; r++)
        {
            table[r, 0] = counts[r];
        }

        return table;
    }

    private static int[,] WithMargins(int[,] table)
    {
        var (rows, columns) = (table.GetLength(0), table.GetLength(1));
        var grid = new int[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = table[r, c];
                grid[r, columns] += table[r, c];
                grid[rows, c] += table[r, c];
                grid[rows, columns] += table[r, c];
            }
        }

        return grid;
    }

    private static IEnumerable<(int R, int C)> Entries(int[,] grid) =>
        from r in Enumerable.Range(0, grid.GetLength(0)) from c in Enumerable.Range(0, grid.GetLength(1)) select (r, c);

    private static IEnumerable<List<(int R, int C)>> LinesOf(int[,] table)
    {
        var (rows, columns) = (table.GetLength(0), table.GetLength(1));
        if (columns == 1)
        {
            yield return [.. Enumerable.Range(0, rows + 1).Select(r => (r, 0))];
            yield break;
        }

        for (var r = 0; r <= rows; r++)
        {
            yield return [.. Enumerable.Range(0, columns + 1).Select(c => (r, c))];
        }

        for (var c = 0; c <= columns; c++)
        {
            yield return [.. Enumerable.Range(0, rows + 1).Select(r => (r, c))];
        }
    }
}
