namespace Soudan.Web.Features.Statistics;

/// <summary>
/// What a published table may show (the statistics issue: "any cell under 5 cases is suppressed,
/// with complementary suppression so a hidden cell cannot be recovered from totals").
/// <para>
/// The table is seen with its margins: each row with its total, each column with its total, and the
/// totals row and column with the grand total (a table of one column is one line: its cells and
/// the total). A count from 1 to 4 is hidden (primary). Then, until nothing changes, every line that
/// hides anything must hide at least two entries, one of them not small: otherwise the total less
/// what is shown gives the hidden one away, or the bounds 1-4 of several small ones pin them
/// ("two hidden cells, total 2": both are 1). The complement is the smallest count of 5 or more in
/// the line, else the line's total, else a zero.
/// </para>
/// This is the usual rule of thumb of statistical offices, not an optimal suppression checked by
/// linear programming: in a large cross-tabulation a determined reader may still narrow a hidden cell
/// to a range. Publish few dimensions at a time.
/// </summary>
public static class SmallCells
{
    public const int Threshold = 5;

    /// <summary>
    /// Which entries to hide, for <paramref name="counts"/> (rows × columns). The answer has one more
    /// row and column, the margins: <c>[r, columns]</c> is row r's total, <c>[rows, c]</c> column c's,
    /// <c>[rows, columns]</c> the grand total. With one column, the row totals are the cells themselves.
    /// </summary>
    public static bool[,] Hidden(int[,] counts)
    {
        var (rows, columns) = (counts.GetLength(0), counts.GetLength(1));
        var grid = new int[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = counts[r, c];
                grid[r, columns] += counts[r, c];
                grid[rows, c] += counts[r, c];
                grid[rows, columns] += counts[r, c];
            }
        }

        var primary = new bool[rows + 1, columns + 1];
        var hidden = new bool[rows + 1, columns + 1];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                primary[r, c] = hidden[r, c] = grid[r, c] is > 0 and < Threshold;
            }
        }

        var lines = Lines(rows, columns);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var line in lines)
            {
                var hiding = line.Where(e => hidden[e.R, e.C]).ToList();
                if (hiding.Count == 0 || (hiding.Count >= 2 && hiding.Any(e => !primary[e.R, e.C])))
                {
                    continue;
                }

                var complement = Complement(line, grid, hidden);
                if (complement is { } chosen)
                {
                    hidden[chosen.R, chosen.C] = true;
                    changed = true;
                }
            }
        }

        // One column: the row totals are the cells, and are shown or hidden with them.
        if (columns == 1)
        {
            for (var r = 0; r <= rows; r++)
            {
                hidden[r, 1] = hidden[r, 0];
            }
        }

        return hidden;
    }

    /// <summary>The lines whose totals are published: each is a set of entries that add up (the last is the total).</summary>
    private static List<List<(int R, int C)>> Lines(int rows, int columns)
    {
        var lines = new List<List<(int R, int C)>>();
        if (columns == 1)
        {
            lines.Add([.. Enumerable.Range(0, rows + 1).Select(r => (r, 0))]);
            return lines;
        }

        for (var r = 0; r <= rows; r++)
        {
            lines.Add([.. Enumerable.Range(0, columns + 1).Select(c => (r, c))]);
        }

        for (var c = 0; c <= columns; c++)
        {
            lines.Add([.. Enumerable.Range(0, rows + 1).Select(r => (r, c))]);
        }

        return lines;
    }

    private static (int R, int C)? Complement(List<(int R, int C)> line, int[,] grid, bool[,] hidden)
    {
        var total = line[^1];
        var shown = line.Where(e => !hidden[e.R, e.C]).ToList();
        var large = shown.Where(e => e != total && grid[e.R, e.C] >= Threshold).OrderBy(e => grid[e.R, e.C]).ToList();
        if (large.Count > 0)
        {
            return large[0];
        }

        if (!hidden[total.R, total.C] && grid[total.R, total.C] > 0)
        {
            return total;
        }

        return shown.Count > 0 ? shown[0] : null;
    }
}
