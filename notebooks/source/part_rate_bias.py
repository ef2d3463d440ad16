"""Cells of the notebooks: the learning-rate exercise and its check, then model bias."""

from notebooks.source.cells import code, md

RATE_EXERCISE = [
    md(
        """
        ### Exercise 1: the learning rate η

        η is a hyperparameter: we choose it, gradient descent does not learn it. Change `ETA` and run
        the two cells again. Try a small one (0.01), the scene's (0.1), large ones (0.9, 1.05).
        The budget here is 10,000 updates.
        """,
        """
        ### 练习 1：学习率 η

        η 是超参数：由我们来选，梯度下降不会学它。修改 `ETA`，再运行下面两个单元格。试试小的（0.01）、
        场景用的（0.1）和大的（0.9、1.05）。这里最多更新 10,000 次。
        """,
    ),
    code(
        """
        ETA = 0.1  # <- change me

        ex_thetas, ex_losses, ex_norms = descend_by_hand(ETA, budget=10_000)
        plt.semilogy(ex_norms)
        plt.axhline(GRADIENT_TOLERANCE, color="grey", ls=":")
        plt.xlabel(t("gd.readout_updates").rstrip(":："))
        plt.ylabel("‖g‖")
        plt.title(f"η = {ETA:g}")
        plt.show()
        """
    ),
    code(
        """
        # Check. On this bowl the loss is quadratic: each update multiplies the gradient along the bowl's
        # two curvature directions (Hessian eigenvalues λ) by 1 − ηλ, so the numbers say what must happen.
        from mathcore.studies.lesson import largest_stable_rate

        x_std = X[:, 0]
        curvatures = np.linalg.eigvalsh(2 * np.array([[np.mean(x_std**2), np.mean(x_std)], [np.mean(x_std), 1.0]]))
        limit = 2 / curvatures[-1]
        assert np.isclose(limit, largest_stable_rate(lesson, "standardised"))
        factors = np.abs(1 - ETA * curvatures)
        updates = len(ex_thetas) - 1
        if factors.max() >= 1:
            assert ex_losses[-1] > ex_losses[0], "with η ≥ 2/λ_max the loss must grow"
            print(f"η = {ETA:g} ≥ 2/λ_max = {limit:.3f}: each update lands further from the bottom than the last. "
                  f"The loss grew from {ex_losses[0]:.3g} to {ex_losses[-1]:.3g} in {updates} updates: it diverges.")
        else:
            ratio = np.log(GRADIENT_TOLERANCE / ex_norms[0])
            most = int(np.floor(ratio / np.log(factors.max()))) + 1
            least = int(np.floor(ratio / np.log(factors.min()))) + 1 if factors.min() > 0 else 1
            if ex_norms[-1] >= GRADIENT_TOLERANCE:  # the budget ran out first
                assert updates == 10_000 and most > 10_000
                print(f"η = {ETA:g} is so small that ‖g‖ shrinks only to {factors.max():.5f} times itself per "
                      f"update: it needs up to {most:,} updates, more than the budget. "
                      f"It stopped with ‖g‖ = {ex_norms[-1]:.2g}.")
            else:
                assert least - 1 <= updates <= most + 1, (least, updates, most)
                expected = f"{most}" if least == most else f"{least} to {most}"
                shrink = " to ".join(sorted({f"{f:.3f}" for f in factors}))
                print(f"η = {ETA:g}: ‖g‖ shrinks to {shrink} times itself per update, "
                      f"so from ‖g⁰‖ = {ex_norms[0]:.3f} it falls below {GRADIENT_TOLERANCE:g} after {expected} "
                      f"updates. You needed {updates}.")
                if ETA * curvatures[-1] > 1:
                    print(f"1 − ηλ_max = {1 - ETA * curvatures[-1]:.2g} < 0: along the steepest direction every update "
                          "jumps over the bottom (it still converges, overshooting less each time).")
            w, b = lesson.to_original(*ex_thetas[-1])
            print(f"w = {w:.3f}, b = {b:.1f} riders/h "
                  f"(the best line: w* = {lesson.best.w:.3f}, b* = {lesson.best.b:.1f})")
        """,
        """
        # 检查。在这个碗上损失是二次函数：每次更新，梯度沿碗的两个弯曲方向（Hessian 的特征值 λ）各乘以 1 − ηλ，
        # 所以这些数字决定了必然会发生什么。
        from mathcore.studies.lesson import largest_stable_rate

        x_std = X[:, 0]
        curvatures = np.linalg.eigvalsh(2 * np.array([[np.mean(x_std**2), np.mean(x_std)], [np.mean(x_std), 1.0]]))
        limit = 2 / curvatures[-1]
        assert np.isclose(limit, largest_stable_rate(lesson, "standardised"))
        factors = np.abs(1 - ETA * curvatures)
        updates = len(ex_thetas) - 1
        if factors.max() >= 1:
            assert ex_losses[-1] > ex_losses[0], "η ≥ 2/λ_max 时损失必然变大"
            print(f"η = {ETA:g} ≥ 2/λ_max = {limit:.3f}：每次更新都比上一次离谷底更远。"
                  f"损失在 {updates} 次更新中从 {ex_losses[0]:.3g} 涨到 {ex_losses[-1]:.3g}：发散了。")
        else:
            ratio = np.log(GRADIENT_TOLERANCE / ex_norms[0])
            most = int(np.floor(ratio / np.log(factors.max()))) + 1
            least = int(np.floor(ratio / np.log(factors.min()))) + 1 if factors.min() > 0 else 1
            if ex_norms[-1] >= GRADIENT_TOLERANCE:  # the budget ran out first
                assert updates == 10_000 and most > 10_000
                print(f"η = {ETA:g} 太小：每次更新 ‖g‖ 只缩小为原来的 {factors.max():.5f} 倍，最多要 {most:,} 次更新，"
                      f"超过了上限。停下时 ‖g‖ = {ex_norms[-1]:.2g}。")
            else:
                assert least - 1 <= updates <= most + 1, (least, updates, most)
                expected = f"{most}" if least == most else f"{least} 到 {most}"
                shrink = " 到 ".join(sorted({f"{f:.3f}" for f in factors}))
                print(f"η = {ETA:g}：每次更新 ‖g‖ 缩小为原来的 {shrink} 倍，所以从 "
                      f"‖g⁰‖ = {ex_norms[0]:.3f} 降到 {GRADIENT_TOLERANCE:g} 以下需要 {expected} 次更新。"
                      f"你用了 {updates} 次。")
                if ETA * curvatures[-1] > 1:
                    print(f"1 − ηλ_max = {1 - ETA * curvatures[-1]:.2g} < 0：沿最陡的方向，每次更新都跳过谷底"
                          "（仍然收敛，每次越过得更少）。")
            w, b = lesson.to_original(*ex_thetas[-1])
            print(f"w = {w:.3f}，b = {b:.1f} 人/小时（最好的直线：w* = {lesson.best.w:.3f}，b* = {lesson.best.b:.1f}）")
        """,
    ),
]

MODEL_BIAS = [
    md(
        """
        ## Model bias

        Keep y = b + w x₁ but let x₁ be the hour of the day (the points ReluFitTraining fits later).
        The best line cannot bend to the morning and evening peaks, whatever w and b: that is model
        bias. A least-squares curve with a corner every 2 hours does follow them; and no function of
        the hour alone gets below the floor (the spread between days at the same hour).
        """,
        """
        ## 模型偏差

        模型还是 y = b + w x₁，但 x₁ 换成一天中的第几个小时（后面 ReluFitTraining 拟合的也是这些点）。
        不管 w 和 b 取什么，最好的直线都弯不到早晚高峰：这就是模型偏差。每 2 小时一个转折点的最小二乘折线
        就能跟上高峰；而任何只用“几点钟”作输入的函数，损失都不会低于下限（同一时刻每天的人数不同）。
        """,
    ),
    code(
        """
        from mathcore.studies.model_bias import hour_of_day_fits

        fits = hour_of_day_fits()
        clock = np.linspace(fits.hour.min(), fits.hour.max(), 300)
        plt.scatter(fits.hour, fits.label, s=6, color="grey")
        plt.plot(clock, fits.line_output(clock), lw=2, label=t("model_bias.loss", loss=fits.line_mse))
        plt.plot(clock, fits.curve(clock), lw=2, color="red", label=t("model_bias.loss", loss=fits.curve_mse))
        plt.axhline(0, color="black", lw=0.5)
        plt.xlabel(t("model_bias.x_axis"))
        plt.ylabel(t("model_bias.y_axis"))
        plt.legend()
        plt.show()
        for hour in fits.peak_hours():
            print(say("model_bias.miss", hour=hour, miss=fits.line_miss(hour)))
        print(say("model_bias.floor", floor=fits.floor_mse))
        """
    ),
]
