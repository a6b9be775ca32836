/// The Persian texts of the login routes, shared so that pages and clients in other
/// languages show the same words.
public enum IdentityLoginMessages {
    /// Said after `identity.loginStart`, whether or not the national code and mobile matched.
    public static let codeSentIfMatched =
        "اگر شماره همراه به نام صاحب این کد ملی ثبت شده باشد، کد ورود شش‌رقمی به آن پیامک شد. کد تا ۲ دقیقه معتبر است."
    /// A wrong, expired or already used code, or an unknown challenge: all the same.
    public static let codeInvalid = "کد ورود نادرست است یا منقضی شده است؛ کد را دوباره وارد کنید یا کد تازه بگیرید."
    /// Too many wrong codes for the national code.
    public static let locked =
        "به دلیل چند بار ورود کد نادرست، ورود با این کد ملی تا ۱۵ دقیقه ممکن نیست؛ لطفاً بعداً دوباره تلاش کنید."
    /// Too many login starts from one national code, mobile or address.
    public static let tooManyStarts =
        "درخواست کد ورود بیش از حد مجاز بوده است؛ لطفاً چند دقیقه بعد دوباره تلاش کنید."
    /// A new code asked for before the resend time.
    public static let resendTooSoon = "کد ورود به‌تازگی فرستاده شده است؛ کمی صبر کنید و سپس کد تازه بخواهید."
    /// A staff login that failed for any reason other than a lock.
    public static let staffInvalid = "نام کاربری یا گذرواژه نادرست است."
    /// A staff account locked after wrong passwords.
    public static let staffLocked =
        "به دلیل چند بار ورود گذرواژه نادرست، ورود با این نام کاربری تا ۱۵ دقیقه ممکن نیست."
    /// A staff account an administrator disabled; said only after the password was right, so
    /// it tells nothing to someone guessing passwords.
    public static let staffDisabled =
        "حساب شما غیرفعال است؛ برای فعال شدن دوباره با مدیر کل سامانه تماس بگیرید."
    /// Too many attempts from one address.
    public static let tooManyAttempts = "تعداد تلاش‌ها بیش از حد مجاز است؛ لطفاً چند دقیقه بعد دوباره تلاش کنید."
    /// A session that is missing, forged, expired or revoked.
    public static let sessionInvalid = "نشست شما معتبر نیست یا به پایان رسیده است؛ لطفاً دوباره وارد شوید."
}
