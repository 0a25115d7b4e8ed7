using System;
using System.Collections.Generic;
using System.IO;
using SharpYaml;
using SharpYaml.Events;

namespace Paragon.Generator.Reading.SpecText;

internal sealed partial class SpecTextWalker
{
    /// <summary>
    /// YAML, from SharpYaml's events. An alias (<c>*name</c>) is walked as the node its anchor (<c>&amp;name</c>) names,
    /// as Microsoft.OpenApi reads it, so that what is written once and used twice is found under both pointers. Only an
    /// anchor already closed is followed (an alias inside its own anchor would repeat without end), within
    /// <see cref="MaxAliasEvents"/> and <see cref="MaxAliasDepth"/>; any other alias is told as a scalar.
    /// </summary>
    private bool WalkYaml()
    {
        var events = new List<ParsingEvent>();
        bool complete = true;
        try
        {
            IParser parser = Parser.CreateParser(new StringReader(_source.Text));
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }
        }
        catch (YamlException)
        {
            // What came before the error is still walked, as the walk that read the events one by one did.
            complete = false;
        }

        (int[] ends, int[] targets) = Nodes(events);
        var pending = new Stack<(int At, int End)>();
        (int At, int End) cursor = (0, events.Count - 1);
        int budget = MaxAliasEvents;
        string? key = null;
        SpecPosition keyPlace = default;
        while (true)
        {
            if (cursor.At > cursor.End)
            {
                if (pending.Count == 0)
                {
                    return complete;
                }

                cursor = pending.Pop();
                continue;
            }

            int at = cursor.At++;
            ParsingEvent e = events[at];
            if (e is MappingEnd or SequenceEnd)
            {
                if (_depth > 0)
                {
                    _visitor.Leave(this);
                    Pop();
                    AfterYamlValue();
                }

                continue;
            }

            if (e is not (NodeEvent or AnchorAlias))
            {
                continue; // the stream's and documents' starts and ends
            }

            if (_depth > 0 && _path[_depth - 1].ExpectingKey)
            {
                // A key: kept for its value's step. One that is not a scalar (YAML allows it, OpenAPI never writes it) is
                // stepped over and named "".
                ParsingEvent named = e is AnchorAlias && targets[at] >= 0 ? events[targets[at]] : e;
                key = named is Scalar scalar ? scalar.Value : string.Empty;
                keyPlace = Place(e, Math.Max(1, e.End.Index - e.Start.Index));
                _path[_depth - 1].ExpectingKey = false;
                cursor.At = ends[at] + 1;
                continue;
            }

            SpecPosition place = _depth > 0 && !_path[_depth - 1].IsArray ? keyPlace : Place(e, 1);
            int node = at;
            if (e is AnchorAlias && targets[at] >= 0 && _depth < MaxAliasDepth && budget >= ends[targets[at]] - targets[at] + 1)
            {
                node = targets[at];
                budget -= ends[node] - node + 1;
            }

            ParsingEvent value = events[node];
            SpecNodeKind kind = value switch
            {
                MappingStart => SpecNodeKind.Object,
                SequenceStart => SpecNodeKind.Array,
                Scalar scalar when string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase) => SpecNodeKind.True,
                _ => SpecNodeKind.Scalar,
            };

            if (_depth > 0 && !_path[_depth - 1].IsArray)
            {
                PushKey(key ?? string.Empty, -1, 0, kind == SpecNodeKind.Array);
                key = null;
            }
            else
            {
                PushItem(kind == SpecNodeKind.Array);
            }

            if (_visitor.Enter(this, kind, place) && kind is SpecNodeKind.Object or SpecNodeKind.Array)
            {
                _path[_depth - 1].ExpectingKey = kind == SpecNodeKind.Object;
                if (node != at)
                {
                    // The anchored node's events, up to its end (which leaves it), then on after the alias.
                    pending.Push(cursor);
                    cursor = (node + 1, ends[node]);
                }

                continue;
            }

            if (node == at)
            {
                cursor.At = ends[at] + 1;
            }

            _visitor.Leave(this);
            Pop();
            AfterYamlValue();
        }
    }

    /// <summary>After a member's value, its mapping reads a key next.</summary>
    private void AfterYamlValue()
    {
        if (_depth > 0 && !_path[_depth - 1].IsArray)
        {
            _path[_depth - 1].ExpectingKey = true;
        }
    }

    private static SpecPosition Place(ParsingEvent e, int length) =>
        new(Math.Max(0, e.Start.Line), Math.Max(0, e.Start.Column), e.Start.Index, length);

    /// <summary>
    /// For each event, the index of the event that ends its node (itself for a scalar or an alias; the last event for a
    /// node left open by an error), and for each alias the node its anchor names when that node is already closed, else -1.
    /// </summary>
    private static (int[] Ends, int[] Targets) Nodes(List<ParsingEvent> events)
    {
        int[] ends = new int[events.Count];
        int[] targets = new int[events.Count];
        var open = new Stack<int>();
        var anchors = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < events.Count; i++)
        {
            ends[i] = i;
            targets[i] = -1;
            switch (events[i])
            {
                case NodeEvent node when !string.IsNullOrEmpty(node.Anchor):
                    // A later anchor of the same name takes over from here on, as YAML says.
                    anchors[node.Anchor!] = i;
                    if (node is not Scalar)
                    {
                        open.Push(i);
                    }

                    break;
                case MappingStart or SequenceStart:
                    open.Push(i);
                    break;
                case MappingEnd or SequenceEnd when open.Count > 0:
                    ends[open.Pop()] = i;
                    break;
                case AnchorAlias alias when anchors.TryGetValue(alias.Value, out int target) && (events[target] is Scalar || ends[target] > target):
                    targets[i] = target;
                    break;
            }
        }

        while (open.Count > 0)
        {
            ends[open.Pop()] = events.Count - 1;
        }

        return (ends, targets);
    }
}
