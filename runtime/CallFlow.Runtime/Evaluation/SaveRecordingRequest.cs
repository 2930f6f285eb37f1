namespace CallFlow.Runtime.Evaluation;

/// <summary>SAVE:name: save the current recording under the name (variables already replaced).</summary>
/// <example><c>SAVE:$KEY</c> with $KEY = "1234" gives <c>new SaveRecordingRequest("1234")</c>.</example>
public sealed record SaveRecordingRequest(string Name) : GenericCommandRequest;
