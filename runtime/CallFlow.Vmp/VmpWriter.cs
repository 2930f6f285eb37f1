using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CallFlow.Vmp;

/// <summary>
/// Writes a <see cref="VmpProgram"/> as root.vmp bytes: header, section table, sections, all little-endian.
/// The output depends only on the program: no timestamps, no machine paths, sections in a fixed order.
/// </summary>
public static class VmpWriter
{
    public static byte[] Write(VmpProgram program)
    {
        var sections = new (SectionKind Kind, byte[] Bytes)[]
        {
            (SectionKind.Strings, Section(w => WriteStrings(w, program))),
            (SectionKind.Prompts, Section(w => WriteAll(w, program.Prompts, (w, p) => { w.Write((byte)p.Kind); w.Write((byte)0); w.Write((ushort)0); w.Write(p.Text); }))),
            (SectionKind.Values, Section(w => WriteAll(w, program.Values, (w, v) => { w.Write((byte)v.Kind); w.Write((byte)0); w.Write((ushort)0); w.Write(v.Payload); }))),
            (SectionKind.Records, Section(w => WriteAll(w, program.Records, (w, r) => WriteAll(w, r, (w, s) => { w.Write(s.Name); w.Write(s.FirstValue); w.Write(s.ValueCount); })))),
            (SectionKind.Results, Section(w => WriteAll(w, program.Results, (w, r) => WriteAll(w, r, (w, s) => { w.Write(s.Name); w.Write(s.Target); })))),
            (SectionKind.Flows, Section(w => WriteAll(w, program.Flows, (w, f) => { w.Write((byte)f.Kind); w.Write((byte)f.Flags); w.Write((ushort)0); w.Write(f.Name); w.Write(f.Display); w.Write(f.Entry); }))),
            (SectionKind.Code, Section(w => WriteAll(w, program.Code, WriteNode))),
            (SectionKind.Conditions, Section(w =>
            {
                WriteAll(w, program.Conditions, (w, c) => { w.Write(c.Name); w.Write(c.FirstNode); w.Write(c.NodeCount); });
                WriteAll(w, program.ConditionNodes, WriteNode);
            })),
            (SectionKind.UserVariables, Section(w => WriteAll(w, program.UserVariables, (w, u) => { w.Write(u.Name); w.Write(u.InitialValue); }))),
            (SectionKind.Debug, Section(w => WriteAll(w, program.Debug, (w, d) => { w.Write(d.File); w.Write(d.Line); w.Write(d.Column); w.Write(d.Label); }))),
        };

        var tableSize = sections.Length * VmpFormat.SectionEntrySize;
        var length = VmpFormat.HeaderSize + tableSize + sections.Sum(s => s.Bytes.Length);
        var file = new byte[length];
        var span = file.AsSpan();
        VmpFormat.Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], program.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)sections.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[44..], (uint)length);

        var offset = VmpFormat.HeaderSize + tableSize;
        for (var i = 0; i < sections.Length; i++)
        {
            var entry = span[(VmpFormat.HeaderSize + i * VmpFormat.SectionEntrySize)..];
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)sections[i].Kind);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], (uint)offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)sections[i].Bytes.Length);
            sections[i].Bytes.CopyTo(span[offset..]);
            offset += sections[i].Bytes.Length;
        }

        SHA256.HashData(span[VmpFormat.HeaderSize..], span[8..40]);
        return file;
    }

    private static void WriteStrings(BinaryWriter writer, VmpProgram program)
    {
        writer.Write(program.Strings.Length);
        foreach (var text in program.Strings)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    private static void WriteNode(BinaryWriter writer, Node node)
    {
        writer.Write(node.Op);
        writer.Write(node.Flags);
        writer.Write(node.A);
        writer.Write(node.B);
        writer.Write(node.C);
    }

    private static void WriteAll<T>(BinaryWriter writer, IReadOnlyCollection<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write(items.Count);
        foreach (var item in items)
            write(writer, item);
    }

    private static byte[] Section(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            write(writer);
        return stream.ToArray();
    }
}
