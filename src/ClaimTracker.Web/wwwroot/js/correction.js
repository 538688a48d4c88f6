// Hands a corrected source text to the server. A text typed into a textarea would travel in one SignalR message,
// and the hub refuses messages over 64 KB (MaximumReceiveMessageSize in Program.cs); a long article is larger.
// Returned as bytes, Blazor streams it to the server in chunks (IJSStreamReference), whatever its size.
window.claimTrackerCorrection = {
    textOf: function (textarea) {
        return new TextEncoder().encode(textarea ? textarea.value : '');
    }
};
