"""Cells of the notebooks' first part: set-up, the three steps on the one-hour model, the error surface."""

from notebooks.source.cells import code, md

SETUP = [
    md(
        """
        # Chapter 1, run yourself: from a straight line to deep networks

        This notebook walks chapter 1 of the LeeDL book (Hung-yi Lee's machine-learning course) with
        the project's own code: `mathcore` computes every number, and the same numbers are in the
        videos (the scenes read them from the same functions). Notation as in the chapter: **y** is the
        model's output, **ŷ** the label (the true value), x₁ the feature, w a weight, b a bias, θ every
        unknown together, η the learning rate. Data are in their own units: riders/h for the
        bike-share hours, °C for Seattle.

        Run the cells from top to bottom (*Run All*). Cells marked **Exercise** are yours to change
        and run again; the **Check** cell after each one checks your result and says what you should
        have seen. A cell that trains a model does it once and keeps the run in the project's
        cache (the first run of the whole notebook takes about a minute longer).
        """,
        """
        # 第 1 章，自己动手：从一条直线到深度网络

        这个笔记本用本项目自己的代码走一遍李宏毅老师机器学习课程（LeeDL 教程）的第 1 章：每个数字都由
        `mathcore` 算出，和视频里的数字相同（场景也从同样的函数读取）。记号与书中一致：**y** 是模型的输出，
        **ŷ** 是标签（真实值），x₁ 是特征，w 是权重，b 是偏置，θ 是全部未知参数，η 是学习率。
        数据用它们自己的单位：共享单车的数据是人/小时，西雅图的数据是 °C。

        请从上到下运行所有单元格（*Run All*）。标有**练习**的单元格由你来修改并重新运行；
        每个练习后面的**检查**单元格会检查你的结果，并告诉你应该看到什么。训练模型的单元格只训练一次，结果保存在项目的
        缓存里（整个笔记本第一次运行时大约多花一分钟）。
        """,
    ),
    code(
        """
        # Run this first. The notebook works from the project's root, where manim.cfg and the caches are.
        import os
        from pathlib import Path

        import matplotlib.pyplot as plt
        import numpy as np

        import mathcore
        from scenes.strings import t  # the chapter's own sentences, in this language

        ROOT = Path(mathcore.__file__).resolve().parent.parent
        os.chdir(ROOT)
        os.environ["EXPLAINER_LANG"] = "en"  # the language of the scenes' words (zh: Chinese)
        plt.rcParams.update({"figure.figsize": (7.0, 3.4), "figure.dpi": 80})


        def say(key, **values):
            \"\"\"The chapter's sentence `key` with its numbers filled in, on one line.\"\"\"
            return t(key, **values).replace("\\n", " ")
        """,
        """
        # 先运行这个单元格。笔记本在项目根目录下工作：manim.cfg 和缓存都在那里。
        import os
        from pathlib import Path

        import matplotlib.pyplot as plt
        import numpy as np

        import mathcore
        from scenes.strings import t, tidy_chinese_spacing  # 本章自己的句子，用这个语言

        ROOT = Path(mathcore.__file__).resolve().parent.parent
        os.chdir(ROOT)
        os.environ["EXPLAINER_LANG"] = "zh"  # 场景文字的语言（en：英文）
        plt.rcParams.update({"figure.figsize": (7.0, 3.4), "figure.dpi": 80,
                             "font.family": ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]})


        def say(key, **values):
            \"\"\"本章的句子 `key`，填好数字，排成一行。\"\"\"
            return tidy_chinese_spacing(t(key, **values).replace("\\n", " "))
        """,
    ),
]

STEP_1 = [
    md(
        """
        ## Step 1: a function with unknown parameters

        The data: Capital Bikeshare riders per hour in Washington, 2011 (`assets/data/SOURCE.md`).
        Can we predict this hour's riders from the hour before? Each training hour n gives one pair
        (x₁, ŷ): x₁ the riders in the hour before, ŷ the riders counted in this hour, the label.
        The model is a straight line, **y = b + w x₁**, with an unknown weight w and bias b.
        """,
        """
        ## 步骤 1：写出带有未知参数的函数

        数据：2011 年华盛顿 Capital Bikeshare 每小时的骑行人数（`assets/data/SOURCE.md`）。能不能用前一小时的
        人数预测这一小时的人数？训练数据里的每个小时 n 给出一对 (x₁, ŷ)：x₁ 是前一小时的人数，ŷ 是这一小时实际数到的
        人数，也就是标签。模型是一条直线：**y = b + w x₁**，权重 w 和偏置 b 都是未知的。
        """,
    ),
    code(
        """
        from mathcore.studies.lesson import one_hour_linear_model

        lesson = one_hour_linear_model("bikeshare")  # the model of LinearModel … GradientDescent
        print(f"N = {lesson.n} training hours; μ = {lesson.mean:.1f}, σ = {lesson.std:.1f} riders/h")

        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4))
        two_days = slice(0, 48)
        left.plot(lesson.time[two_days], lesson.label[two_days], ".-")
        left.set_xlabel(t("linear.hours_axis", date="2011-01-01"))
        left.set_ylabel(t("linear.riders_axis"))
        right.scatter(lesson.x1, lesson.label, s=2, alpha=0.25, color="grey")
        xs = np.array([0.0, lesson.x1.max()])
        for n, guess in enumerate(lesson.guesses, start=1):
            label = t("linear.guess", n=n, w=f"{guess.w:g}", b=f"{guess.b:g}")
            right.plot(xs, guess.b + guess.w * xs, lw=2, label=label)
        right.set_xlabel(t("linear.x1_axis"))
        right.set_ylabel(t("linear.label_axis"))
        right.legend()
        plt.show()
        """,
        """
        from mathcore.studies.lesson import one_hour_linear_model

        lesson = one_hour_linear_model("bikeshare")  # LinearModel … GradientDescent 这些场景用的模型
        print(f"训练数据中的 N = {lesson.n} 个小时；μ = {lesson.mean:.1f}，σ = {lesson.std:.1f} 人/小时")

        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4))
        two_days = slice(0, 48)
        left.plot(lesson.time[two_days], lesson.label[two_days], ".-")
        left.set_xlabel(t("linear.hours_axis", date="2011-01-01"))
        left.set_ylabel(t("linear.riders_axis"))
        right.scatter(lesson.x1, lesson.label, s=2, alpha=0.25, color="grey")
        xs = np.array([0.0, lesson.x1.max()])
        for n, guess in enumerate(lesson.guesses, start=1):
            label = t("linear.guess", n=n, w=f"{guess.w:g}", b=f"{guess.b:g}")
            right.plot(xs, guess.b + guess.w * xs, lw=2, label=label)
        right.set_xlabel(t("linear.x1_axis"))
        right.set_ylabel(t("linear.label_axis"))
        right.legend()
        plt.show()
        """,
    ),
]

STEP_2 = [
    md(
        """
        ## Step 2: the loss L(w, b)

        For one guess, the model's output y on every training hour, against the label ŷ: the error
        e_n = |y − ŷ| (MAE) or (y − ŷ)² (MSE), and the loss is their mean, L = (1/N) Σ e_n.
        Here by hand, then checked against `mathcore.losses`.
        """,
        """
        ## 步骤 2：定义损失 L(w, b)

        对一个猜测，在训练数据的每个小时上比较模型的输出 y 和标签 ŷ：误差 e_n = |y − ŷ|（MAE）或 (y − ŷ)²（MSE），
        损失就是它们的平均：L = (1/N) Σ e_n。先手算，再和 `mathcore.losses` 对照。
        """,
    ),
    code(
        """
        from mathcore.losses import mae, mse

        for n, guess in enumerate(lesson.guesses, start=1):
            y = guess.b + guess.w * lesson.x1      # the model's output y, every training hour
            e = y - lesson.label                   # y − ŷ
            L_mae, L_mse = np.mean(np.abs(e)), np.mean(e**2)
            assert np.isclose(L_mae, mae(y, lesson.label)) and np.isclose(L_mse, mse(y, lesson.label))
            print(f"guess {n}: w = {guess.w:g}, b = {guess.b:g}:  "
                  f"MAE = {L_mae:.1f} riders/h,  MSE = {L_mse:,.0f} (riders/h)²")
        """,
        """
        from mathcore.losses import mae, mse

        for n, guess in enumerate(lesson.guesses, start=1):
            y = guess.b + guess.w * lesson.x1      # 模型在训练数据每个小时上的输出 y
            e = y - lesson.label                   # y − ŷ
            L_mae, L_mse = np.mean(np.abs(e)), np.mean(e**2)
            assert np.isclose(L_mae, mae(y, lesson.label)) and np.isclose(L_mse, mse(y, lesson.label))
            print(f"猜测 {n}：w = {guess.w:g}，b = {guess.b:g}："
                  f"MAE = {L_mae:.1f} 人/小时，MSE = {L_mse:,.0f} (人/小时)²")
        """,
    ),
    md(
        """
        ### The error surface

        Every (w, b) has a loss: drawn over the (w, b) plane, L is the error surface (the window of the
        scene ErrorSurface). The chapter uses MSE from here on; its lowest point is the least-squares line.
        """,
        """
        ### 误差表面

        每一组 (w, b) 都有一个损失：把 L 画在 (w, b) 平面上，就是误差表面（范围和场景 ErrorSurface 相同）。
        从这里开始本章都用 MSE；它的最低点就是最小二乘直线。
        """,
    ),
    code(
        """
        from mathcore.surface import error_surface
        from scenes.steps import best_line_numbers
        from scenes.three_steps.surface import B_RANGE, W_RANGE

        w_grid, b_grid = np.linspace(*W_RANGE, 241), np.linspace(*B_RANGE, 221)
        surface = error_surface(lesson.x1, lesson.label, w_grid, b_grid, loss="mse")  # [row of b, column of w]
        plt.figure(figsize=(5.5, 4.2))
        plt.contourf(w_grid, b_grid, np.log10(surface), levels=30, cmap="viridis")
        plt.colorbar(label="log₁₀ L")
        for guess in lesson.guesses:
            plt.plot(guess.w, guess.b, "wo")
        plt.plot(lesson.best.w, lesson.best.b, "rx", ms=12, mew=3)
        plt.xlabel("w")
        plt.ylabel(f"b ({t('linear.riders_axis')})")
        plt.show()
        best = best_line_numbers(lesson.best)  # the numbers as every scene writes them
        print(t("gd.w_star", w=best["w"]), t("gd.b_star", b=best["b"]), t("gd.l_star", loss=best["loss"]), sep="   ")
        """
    ),
]

STEP_3 = [
    md(
        """
        ## Step 3: optimisation by gradient descent

        Pick θ⁰ at random, compute the gradient g = ∇L(θ⁰), update θ¹ = θ⁰ − η g, and repeat until
        ‖g‖ < 10⁻⁴ or the update budget is spent. As in the scene GradientDescent, this runs on
        *standardised* riders, x̃ = (x − μ)/σ and ŷ too, with the μ and σ printed above: in riders/h
        the bowl is thousands of times steeper along w than along b, and no single η suits both.
        First by hand, with nothing but the model's loss and gradient:
        """,
        """
        ## 步骤 3：用梯度下降做优化

        随机选一个 θ⁰，计算梯度 g = ∇L(θ⁰)，更新 θ¹ = θ⁰ − η g，然后重复，直到 ‖g‖ < 10⁻⁴ 或更新次数用完。
        和场景 GradientDescent 一样，这里在**标准化**的人数上计算：x̃ = (x − μ)/σ，ŷ 也一样，μ 和 σ 就是上面
        打印的那两个数。以人/小时计，碗沿 w 方向比沿 b 方向陡上千倍，没有一个 η 能同时适合两个方向。
        先手写，只用模型的损失和梯度：
        """,
    ),
    code(
        """
        from mathcore.data import windows
        from mathcore.models import Linear
        from mathcore.studies.lesson import GRADIENT_TOLERANCE, LEARNING_RATE, UPDATE_BUDGET, random_start

        hours = windows(1, "bikeshare")          # standardised: x̃ = (x − μ)/σ, ŷ too
        X, Y = hours.X_train, hours.y_train
        linear = Linear(1)                       # θ = (w̃, b̃)


        def descend_by_hand(eta, budget=UPDATE_BUDGET, tolerance=GRADIENT_TOLERANCE):
            \"\"\"θ ← θ − η ∇L(θ) from the scene's random θ⁰, until ‖g‖ < tolerance or `budget` updates.\"\"\"
            theta = np.array(random_start())
            thetas, losses, norms = [theta], [], []
            while True:
                linear.set_theta(theta)
                loss, g = linear.loss_and_grad(X, Y, "mse")
                losses.append(loss)
                norms.append(np.linalg.norm(g))
                if norms[-1] < tolerance or len(thetas) > budget or not np.isfinite(loss) or loss > 1e6:
                    return np.array(thetas), np.array(losses), np.array(norms)
                theta = theta - eta * g
                thetas.append(theta)


        thetas, losses, norms = descend_by_hand(LEARNING_RATE)
        linear.set_theta(thetas[0])
        g = linear.loss_and_grad(X, Y, "mse")[1]
        print("θ⁰ =", thetas[0].round(3), "   g = ∇L(θ⁰) =", g.round(3))
        print(f"θ¹ = θ⁰ − {LEARNING_RATE:g}·g =", thetas[1].round(3))
        print(t("gd.stopped_gradient", n=len(thetas) - 1, norm=f"{norms[-1]:.6f}", tol=f"{GRADIENT_TOLERANCE:g}"))
        w, b = lesson.to_original(*thetas[-1])
        loss = lesson.mse_to_original(losses[-1])
        print(t("gd.back"), t("gd.w_star", w=f"{w:.3f}"), t("gd.b_star", b=f"{b:.1f}"),
              t("gd.l_star", loss=f"{loss:,.0f}"), sep="   ")
        """
    ),
    md(
        """
        The same run with `mathcore.train.fit` (one full-batch update per epoch), and the run the
        scene reads (`mathcore.studies.lesson.gradient_descent`, from the cache): the same path.
        """,
        """
        同一个训练用 `mathcore.train.fit` 再做一次（全批量：每个回合更新一次），再和场景读取的那次训练
        （`mathcore.studies.lesson.gradient_descent`，来自缓存）对照：是同一条路径。
        """,
    ),
    code(
        """
        from mathcore.optim import GradientDescent
        from mathcore.studies.lesson import gradient_descent
        from mathcore.train import fit

        start = Linear(1)
        start.set_theta(thetas[0])
        run = fit(start, X, Y, loss="mse", optimizer=GradientDescent(LEARNING_RATE), epochs=len(thetas) - 1)
        scene_run = gradient_descent()
        assert np.allclose(run.thetas, thetas) and np.allclose(scene_run.thetas, thetas)
        print(f"fit: {run.n_steps} updates, the same θ at every step as by hand and as the scene's run")
        """,
        """
        from mathcore.optim import GradientDescent
        from mathcore.studies.lesson import gradient_descent
        from mathcore.train import fit

        start = Linear(1)
        start.set_theta(thetas[0])
        run = fit(start, X, Y, loss="mse", optimizer=GradientDescent(LEARNING_RATE), epochs=len(thetas) - 1)
        scene_run = gradient_descent()
        assert np.allclose(run.thetas, thetas) and np.allclose(scene_run.thetas, thetas)
        print(f"fit：更新 {run.n_steps} 次，每一步的 θ 都和手写的、和场景的那次训练相同")
        """,
    ),
    code(
        """
        plt.semilogy(lesson.mse_to_original(losses))
        plt.axhline(lesson.best.mse, color="red", ls="--", label=t("gd.l_star", loss=best["loss"]))
        plt.xlabel(t("gd.readout_updates").rstrip(":："))
        plt.ylabel(f"L ({t('linear.riders_axis')})²")
        plt.legend()
        plt.show()
        """
    ),
]
