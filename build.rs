//! Build script: on Windows, embed the icon and version information in the .exe (the window
//! sets its own icon at run time on every platform). Nothing to do elsewhere.

fn main() {
    println!("cargo:rerun-if-changed=dist/icons/rasd.ico");
    #[cfg(windows)]
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut resource = winresource::WindowsResource::new();
        resource.set_icon("dist/icons/rasd.ico");
        resource.set("ProductName", "Rasd");
        resource.set("FileDescription", "Rasd: news framing monitor");
        if let Err(e) = resource.compile() {
            println!("cargo:warning=the Windows icon could not be embedded: {e}");
        }
    }
}
