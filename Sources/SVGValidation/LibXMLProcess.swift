internal import CLibXML2

/// Process-wide libxml2 set-up, done once at the top of `main` before any parsing thread exists.
public enum LibXMLProcess {
    public static func initialise() {
        xmlInitParser()
    }
}
