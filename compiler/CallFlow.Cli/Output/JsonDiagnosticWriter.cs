using System.Text.Encodings.Web;
using System.Text.Json;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Cli.Output;

/// <summary>Diagnostics as one JSON document for editors and CI: stable key order, 1-based lines and columns.</summary>
public static class JsonDiagnosticWriter
{
    public static void Write(TextWriter output, IReadOnlyCollection<Diagnostic> diagnostics, int fileCount)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("files", fileCount);
            json.WriteNumber("errors", diagnostics.Count(d => d.Severity == Severity.Error));
            json.WriteNumber("warnings", diagnostics.Count(d => d.Severity == Severity.Warning));
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in diagnostics)
            {
                var start = diagnostic.Location.Start;
                var end = diagnostic.Location.End;
                json.WriteStartObject();
                json.WriteString("code", diagnostic.Code);
                json.WriteString("severity", TextDiagnosticWriter.Severity(diagnostic.Severity));
                json.WriteString("file", diagnostic.Location.Path);
                json.WriteNumber("line", start.Line);
                json.WriteNumber("column", start.Column);
                json.WriteNumber("endLine", end.Line);
                json.WriteNumber("endColumn", end.Column);
                json.WriteString("message", diagnostic.Message);
                if (diagnostic.Hint is null)
                    json.WriteNull("hint");
                else
                    json.WriteString("hint", diagnostic.Hint);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
